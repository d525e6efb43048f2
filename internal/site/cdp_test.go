package site

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/websocket"
)

// cdpBrowser is headless Chromium driven over the DevTools protocol, for
// measurements that need the real clock (--dump-dom runs on virtual time
// or stops at the load event) and real key presses.
type cdpBrowser struct {
	cmd     *exec.Cmd
	cancel  context.CancelFunc
	ws      *websocket.Conn
	mu      sync.Mutex
	next    int
	waiting map[int]chan cdpReply
	session string
	events  chan string // names of the events the page sent
}

type cdpReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

var devtoolsURL = regexp.MustCompile(`DevTools listening on (ws://\S+)`)

// startCDP starts Chromium with a fresh profile and one blank page to drive.
func startCDP(tb testing.TB, extra ...string) *cdpBrowser {
	tb.Helper()
	bin := chromium(tb)
	// Not tb.TempDir: Chromium's helper processes can still write to the
	// profile for a moment after the browser exits, and TempDir's cleanup
	// fails the test then.
	profile, err := os.MkdirTemp("", "irp-cdp-profile-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		for i := 0; i < 50 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--no-default-browser-check", "--mute-audio",
		"--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
	}, extra...)
	cmd := exec.CommandContext(ctx, bin, append(args, "about:blank")...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		cancel()
		tb.Fatal(err)
	}
	b := &cdpBrowser{cmd: cmd, cancel: cancel, waiting: map[int]chan cdpReply{}, events: make(chan string, 256)}
	tb.Cleanup(b.close)
	sc := bufio.NewScanner(stderr)
	var wsURL string
	for sc.Scan() {
		if m := devtoolsURL.FindStringSubmatch(sc.Text()); m != nil {
			wsURL = m[1]
			break
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	if wsURL == "" {
		tb.Fatal("chromium printed no DevTools address")
	}
	if b.ws, err = websocket.Dial(wsURL, "", "http://127.0.0.1/"); err != nil {
		tb.Fatal(err)
	}
	b.ws.MaxPayloadBytes = 64 << 20
	go b.read()
	var target struct{ TargetID string }
	b.call(tb, "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var att struct{ SessionID string }
	b.call(tb, "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	b.session = att.SessionID
	b.call(tb, "Page.enable", nil, nil)
	b.call(tb, "Runtime.enable", nil, nil)
	return b
}

// close asks the browser to quit (so its helper processes go with it),
// and kills it if it has not after a few seconds.
func (b *cdpBrowser) close() {
	exited := make(chan struct{})
	go func() {
		_ = b.cmd.Wait()
		close(exited)
	}()
	if b.ws != nil {
		_ = websocket.JSON.Send(b.ws, map[string]any{"id": 1 << 30, "method": "Browser.close"})
	}
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		b.cancel()
		<-exited
	}
	if b.ws != nil {
		b.ws.Close()
	}
	b.cancel()
}

func (b *cdpBrowser) read() {
	for {
		var msg struct {
			ID     int    `json:"id"`
			Method string `json:"method"`
			cdpReply
		}
		if err := websocket.JSON.Receive(b.ws, &msg); err != nil {
			b.mu.Lock()
			for id, ch := range b.waiting {
				ch <- cdpReply{Error: &struct {
					Message string `json:"message"`
				}{err.Error()}}
				delete(b.waiting, id)
			}
			b.mu.Unlock()
			return
		}
		if msg.ID == 0 {
			select {
			case b.events <- msg.Method:
			default:
			}
			continue
		}
		b.mu.Lock()
		ch := b.waiting[msg.ID]
		delete(b.waiting, msg.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- msg.cdpReply
		}
	}
}

// call sends one command (to the page, once attached) and decodes its
// result into out.
func (b *cdpBrowser) call(tb testing.TB, method string, params any, out any) {
	tb.Helper()
	b.mu.Lock()
	b.next++
	id := b.next
	ch := make(chan cdpReply, 1)
	b.waiting[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if b.session != "" {
		msg["sessionId"] = b.session
	}
	if err := websocket.JSON.Send(b.ws, msg); err != nil {
		tb.Fatalf("%s: %v", method, err)
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			tb.Fatalf("%s: %s", method, r.Error.Message)
		}
		if out != nil {
			if err := json.Unmarshal(r.Result, out); err != nil {
				tb.Fatalf("%s: %v", method, err)
			}
		}
	case <-time.After(2 * time.Minute):
		tb.Fatalf("%s: no answer from chromium", method)
	}
}

// eval runs a JavaScript expression in the page, awaits it when it is a
// promise, and decodes its value (JSON-able) into out.
func (b *cdpBrowser) eval(tb testing.TB, expr string, out any) {
	tb.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	b.call(tb, "Runtime.evaluate", map[string]any{"expression": expr, "awaitPromise": true, "returnByValue": true}, &r)
	if e := r.ExceptionDetails; e != nil {
		tb.Fatalf("evaluating %.60q: %s %s", expr, e.Text, e.Exception.Description)
	}
	if out != nil && len(r.Result.Value) > 0 {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			tb.Fatalf("evaluating %.60q: %v (%s)", expr, err, r.Result.Value)
		}
	}
}

// navigate opens url and waits until the page's load event.
func (b *cdpBrowser) navigate(tb testing.TB, url string) {
	tb.Helper()
	for len(b.events) > 0 {
		<-b.events
	}
	b.call(tb, "Page.navigate", map[string]any{"url": url}, nil)
	deadline := time.After(time.Minute)
	for {
		select {
		case ev := <-b.events:
			if ev == "Page.loadEventFired" {
				return
			}
		case <-deadline:
			tb.Fatalf("%s did not load", url)
		}
	}
}

// heapMB is the page's JavaScript heap in use after a garbage collection.
func (b *cdpBrowser) heapMB(tb testing.TB) float64 {
	tb.Helper()
	b.call(tb, "HeapProfiler.collectGarbage", nil, nil)
	var h struct{ UsedSize float64 }
	b.call(tb, "Runtime.getHeapUsage", nil, &h)
	return h.UsedSize / (1 << 20)
}

func (b *cdpBrowser) String() string { return fmt.Sprintf("chromium pid %d", b.cmd.Process.Pid) }
