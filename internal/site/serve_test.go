package site

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
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
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	var out, errb strings.Builder
	code := Main([]string{"serve", "--source", dir, "--port", port}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "address already in use") || strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}
