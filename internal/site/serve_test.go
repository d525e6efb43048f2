package site

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// syncBuf is a strings.Builder safe for the server goroutine and the test.
type syncBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	dir := writeSite(t, linkSite)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuf
	done := make(chan error, 1)
	go func() { done <- serveOn(ctx, Options{Source: dir}, ln, &out, &errb) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v", err)
		}
	}()

	// The listener is open before the first build ends; requests wait.
	var page string
	for i := 0; i < 100; i++ {
		var code int
		code, page = get(t, base+"/tools/svcs/")
		if code == 200 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(page, "Reports the state of SMF services") || !strings.Contains(page, ReloadPath) {
		t.Fatalf("served page lacks content or reload script:\n%s", page)
	}
	if strings.Contains(page, "livereload.js") {
		t.Errorf("Hugo's livereload script injected; serve has its own")
	}
	if code, js := get(t, base+"/"+IndexFile); code != 200 || strings.Contains(js, ReloadPath) || !strings.HasPrefix(js, "window.IRP_SEARCH_INDEX") {
		t.Errorf("search index: %d %.60q", code, js)
	}
	if code, _ := get(t, base+"/no/such/"); code != 404 {
		t.Errorf("missing page: status %d", code)
	}
	if !strings.Contains(out.String(), "http://"+ln.Addr().String()) {
		t.Errorf("stdout does not say where: %q", out.String())
	}

	resp, err := http.Get(base + ReloadPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("reload content type %q", ct)
	}
	lines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()

	f := filepath.Join(dir, "content", "tools", "svcs.md")
	b, _ := os.ReadFile(f)
	if err := os.WriteFile(f, []byte(strings.Replace(string(b), "Reports the state", "Shows the state", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(20 * time.Second)
wait:
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("reload stream closed")
			}
			if l == "data: reload" {
				break wait
			}
		case <-deadline:
			t.Fatalf("no reload event after an edit; stderr: %s", errb.String())
		}
	}
	if _, page := get(t, base+"/tools/svcs/"); !strings.Contains(page, "Shows the state of SMF services") {
		t.Errorf("page not rebuilt:\n%s", page)
	}

	// A broken link shows an error page, and fixing it recovers.
	b, _ = os.ReadFile(f)
	if err := os.WriteFile(f, []byte(string(b)+"\n[x](nope.md)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitReload(t, lines)
	if code, page := get(t, base+"/tools/svcs/"); code != 500 || !strings.Contains(page, "content/tools/svcs.md") {
		t.Errorf("broken link: status %d\n%s", code, page)
	}
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	waitReload(t, lines)
	if code, page := get(t, base+"/tools/svcs/"); code != 200 || !strings.Contains(page, "Shows the state") {
		t.Errorf("after fix: status %d\n%s", code, page)
	}
}

func waitReload(t *testing.T, lines chan string) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("reload stream closed")
			}
			if l == "data: reload" {
				return
			}
		case <-deadline:
			t.Fatal("no reload event")
		}
	}
}

func TestServePortInUse(t *testing.T) {
	dir := writeSite(t, linkSite)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var out, errb strings.Builder
	err = Serve(context.Background(), Options{Source: dir}, ln.Addr().String(), &out, &errb)
	if lines := ErrorLines(err); err == nil || len(lines) != 1 || !strings.Contains(lines[0], "address already in use") {
		t.Errorf("err = %v", err)
	}
}

// reloadProbe is served from the project's static/ by the preview server:
// it shows a page in a frame, marks the frame's window, tells the test it
// is ready (the test then edits the page's source), and reports whether
// the frame reloaded by itself with the new text.
const reloadProbe = `<!doctype html>
<meta charset="utf-8"><title>reload probe</title>
<iframe id="f" src="../tools/svcs/"></iframe>
<pre id="result">pending</pre>
<img alt="" src="SIGNAL/hold">
<script>
// serve adds its reload script to this page too: keep this page still.
window.EventSource = function () { return {}; };
var frame = document.getElementById("f"), loads = 0;
frame.onload = function () {
  var w = frame.contentWindow, text = w.document.body.textContent;
  loads++;
  if (loads === 1) {
    w.marked = true;
    new Image().src = "SIGNAL/ready";
    return;
  }
  if (!w.marked && text.indexOf("Shows the state") >= 0) {
    document.getElementById("result").textContent = "reloaded with the new text after " + loads + " loads";
    new Image().src = "SIGNAL/reloaded";
  }
};
</script>
`

// TestBrowserLiveReload: a page open in Chromium reloads by itself with
// the new text when its source file changes under irp serve.
func TestBrowserLiveReload(t *testing.T) {
	chromium(t)
	dir := writeSite(t, linkSite)
	src := filepath.Join(dir, "content", "tools", "svcs.md")
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(orig), "Reports the state", "Shows the state", 1)

	// The test's side channel: the probe says when it is ready, and the
	// probe's page load waits on /hold until it saw the reload.
	ready, reloaded := make(chan struct{}, 1), make(chan struct{})
	var once sync.Once
	signal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ready":
			select {
			case ready <- struct{}{}:
			default:
			}
		case "/reloaded":
			once.Do(func() { close(reloaded) })
		case "/hold":
			select {
			case <-reloaded:
			case <-time.After(30 * time.Second):
			case <-r.Context().Done():
			}
		}
		w.Header().Set("Content-Type", "image/gif")
		w.Write(gif1x1)
	}))
	defer signal.Close()
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	probe := strings.ReplaceAll(reloadProbe, "SIGNAL", signal.URL)
	if err := os.WriteFile(filepath.Join(dir, "static", "reload-probe.html"), []byte(probe), 0o644); err != nil {
		t.Fatal(err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuf
	done := make(chan error, 1)
	go func() { done <- serveOn(ctx, Options{Source: dir}, ln, &out, &errb) }()
	defer func() {
		cancel()
		<-done
	}()
	base := "http://" + ln.Addr().String()
	for i := 0; i < 200; i++ {
		if code, _ := get(t, base+"/reload-probe.html"); code == 200 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}

	// Edit the page once the probe is ready, and again every two seconds
	// until the frame reloaded: the frame's event stream may connect a
	// moment after its load event, and an edit before that goes unseen.
	go func() {
		select {
		case <-ready:
		case <-ctx.Done():
			return
		}
		for {
			os.WriteFile(src, []byte(edited), 0o644)
			select {
			case <-reloaded:
				return
			case <-ctx.Done():
				return
			case <-time.After(2 * time.Second):
			}
		}
	}()

	doc := dumpDOM(t, base+"/reload-probe.html", 0)
	pre := domFind(doc, func(n *html.Node) bool { return domAttr(n, "id") == "result" })
	if pre == nil || !strings.HasPrefix(domText(pre), "reloaded with the new text") {
		var got string
		if pre != nil {
			got = domText(pre)
		}
		t.Fatalf("the page did not reload after its source changed: probe says %q; serve stderr: %s", got, errb.String())
	}
}

// gif1x1 is a transparent 1x1 GIF.
var gif1x1 = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

// TestServeBadStart: a project that cannot load is one error line.
func TestServeBadStart(t *testing.T) {
	for _, c := range []struct{ name, config, want string }{
		{"config does not parse", "title = \"x\ntheme = \"irp\"\n", "config.toml:1: "},
		{"unknown theme", "title = \"x\"\ntheme = \"nosuch\"\n", `config.toml: unknown theme "nosuch"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, "-- config.toml --\n"+c.config+"-- content/_index.md --\n+++\ntitle = \"Home\"\n+++\n")
			var out, errb strings.Builder
			err := Serve(context.Background(), Options{Source: dir}, "127.0.0.1:0", &out, &errb)
			if lines := ErrorLines(err); err == nil || len(lines) != 1 || !strings.HasPrefix(lines[0], c.want) {
				t.Errorf("err = %v; want one line starting %q", err, c.want)
			}
		})
	}
}
