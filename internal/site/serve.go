package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/afero"
)

// ReloadPath is where a served page listens for "the site changed".
const ReloadPath = "/__irp/reload"

const reloadScript = `<script>(function(){var es=new EventSource("` + ReloadPath + `");es.onmessage=function(){location.reload()};})();</script>`

// debounce is how long serve waits after a change for more changes before
// rebuilding (editors write a file in several steps).
const debounce = 80 * time.Millisecond

// reindexPause is how long edits must pause before serve rebuilds the
// search index.
const reindexPause = 500 * time.Millisecond

// Server serves a site built in memory and rebuilds it when its sources
// change.
type Server struct {
	opts   Options
	stderr io.Writer

	mu      sync.RWMutex
	site    *Site
	pub     afero.Fs
	lastErr error

	// indexMu is held while the search index is written at start; after
	// an edit the index is built in the background (indexJob), and a
	// request for it waits for the latest job, not the next edit.
	indexMu sync.RWMutex
	hugoMu  sync.Mutex // one Hugo build (or read of its pages) at a time
	jobMu   sync.Mutex
	jobGen  int
	jobDone chan struct{}

	clientsMu sync.Mutex
	clients   map[chan struct{}]bool
}

// Serve builds the site into memory, listens on addr and serves it until
// ctx is done, rebuilding on changes. It returns an error only when it
// cannot start (bad config, address in use).
func Serve(ctx context.Context, o Options, addr string, stdout, stderr io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %s", addr, listenReason(err))
	}
	return serveOn(ctx, o, ln, stdout, stderr)
}

func serveOn(ctx context.Context, o Options, ln net.Listener, stdout, stderr io.Writer) error {
	defer ln.Close()
	o.InMemory = true
	o.Development = true
	o.DeferIndex = true

	srv := &Server{opts: o, stderr: stderr, clients: map[chan struct{}]bool{}}
	if err := srv.reload(); err != nil {
		var be *BuildError
		if !errors.As(err, &be) || srv.site == nil {
			return err // the caller prints it
		}
		// The project loads but does not build: serve the error page
		// until an edit fixes it.
		printErr(stderr, "serve", err)
	}
	res := srv.site

	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching for changes: %w", err)
	}
	defer w.Close()
	for _, d := range watchRoots(res.Dir()) {
		addTree(w, d)
	}

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	// Said before the first answer, so whoever reads it can rely on it.
	fmt.Fprintf(stdout, "serving %s on http://%s/ — press Ctrl-C to stop\n", res.Dir(), ln.Addr())
	go hs.Serve(ln)

	var (
		pending []fsnotify.Event
		timer   = time.NewTimer(time.Hour)
		// reindexTimer fires when edits have paused: the search index
		// is rebuilt then, never between an edit and its page.
		reindexTimer = time.NewTimer(time.Hour)
	)
	timer.Stop()
	reindexTimer.Stop()
	for {
		select {
		case <-ctx.Done():
			srv.closeClients()
			sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			hs.Shutdown(sctx)
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ignoredChange(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name)
				}
			}
			pending = append(pending, ev)
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if ok {
				fmt.Fprintf(stderr, "irp: serve: watching for changes: %v\n", err)
			}
		case <-timer.C:
			events := pending
			pending = nil
			srv.rebuild(events)
			reindexTimer.Reset(reindexPause)
		case <-reindexTimer.C:
			srv.reindex()
		}
	}
}

func listenReason(err error) string {
	if errors.Is(err, syscall.EADDRINUSE) {
		return "address already in use (another irp serve? try --port)"
	}
	if errors.Is(err, syscall.EACCES) {
		return "permission denied (try a port above 1024)"
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err.Error()
	}
	return err.Error()
}

// reload loads the project from scratch and builds it.
func (srv *Server) reload() error {
	s, err := Load(srv.opts)
	if err != nil {
		srv.setResult(nil, err)
		return err
	}
	_, err = s.Build()
	if err == nil {
		srv.indexMu.Lock()
		_, _, err = s.WriteIndex()
		srv.indexMu.Unlock()
	}
	srv.setResult(s, err)
	return err
}

func (srv *Server) setResult(s *Site, err error) {
	srv.mu.Lock()
	if s != nil {
		srv.site = s
		srv.pub = s.PublishFs()
	}
	srv.lastErr = err
	srv.mu.Unlock()
}

// rebuild applies a batch of changes: a partial Hugo rebuild, or a full
// reload when the config changed or the last build failed.
func (srv *Server) rebuild(events []fsnotify.Event) {
	if len(events) == 0 {
		return
	}
	srv.mu.RLock()
	s, lastErr := srv.site, srv.lastErr
	srv.mu.RUnlock()
	full := s == nil || lastErr != nil
	for _, e := range events {
		if filepath.Base(e.Name) == "config.toml" {
			full = true
		}
	}
	start := time.Now()
	var err error
	if full {
		err = srv.reload()
	} else {
		srv.hugoMu.Lock()
		srv.mu.Lock() // no request reads a half-written site
		_, err = s.Build(events...)
		srv.lastErr = err
		srv.mu.Unlock()
		srv.hugoMu.Unlock()
		if err == nil {
			// The pages first: the search index follows once the edits
			// pause (serveOn calls reindex).
			srv.reported(start)
			srv.notify()
			return
		}
	}
	if err != nil {
		printErr(srv.stderr, "serve", err)
	}
	srv.reported(start)
	srv.notify()
}

// reindex collects the index entries of the current build and builds
// the index in the background; serveOn calls it when edits pause.
func (srv *Server) reindex() {
	srv.hugoMu.Lock()
	srv.mu.RLock()
	s, lastErr := srv.site, srv.lastErr
	srv.mu.RUnlock()
	if s == nil || lastErr != nil {
		srv.hugoMu.Unlock()
		return
	}
	docs, err := s.indexDocs()
	srv.hugoMu.Unlock()
	if err != nil {
		srv.mu.Lock()
		srv.lastErr = err
		srv.mu.Unlock()
		printErr(srv.stderr, "serve", err)
		srv.notify()
		return
	}
	srv.indexJob(s, docs)
}

// indexJob builds the search index of docs in the background and writes
// it unless a later edit started another job meanwhile. The next edit's
// rebuild does not wait for it; a request for the index does.
func (srv *Server) indexJob(s *Site, docs []Doc) {
	srv.jobMu.Lock()
	srv.jobGen++
	gen := srv.jobGen
	done := make(chan struct{})
	srv.jobDone = done
	srv.jobMu.Unlock()
	go func() {
		defer close(done)
		files, n, err := buildIndex(docs)
		srv.jobMu.Lock()
		defer srv.jobMu.Unlock()
		if gen != srv.jobGen {
			return // a later edit has its own job
		}
		if err == nil {
			_, err = s.writeFiles(files, n)
		}
		if err != nil {
			printErr(srv.stderr, "serve", fmt.Errorf("search index: %w", err))
		}
	}()
}

// awaitIndex waits for the latest index job, or for the request to end.
func (srv *Server) awaitIndex(r *http.Request) {
	srv.jobMu.Lock()
	done := srv.jobDone
	srv.jobMu.Unlock()
	if done == nil {
		return
	}
	select {
	case <-done:
	case <-r.Context().Done():
	}
}

// reported says how long a rebuild took that succeeded, on a terminal.
func (srv *Server) reported(start time.Time) {
	srv.mu.RLock()
	ok := srv.lastErr == nil
	srv.mu.RUnlock()
	if ok && IsTerminal(srv.stderr) {
		fmt.Fprintf(srv.stderr, "rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
	}
}

func (srv *Server) notify() {
	srv.clientsMu.Lock()
	defer srv.clientsMu.Unlock()
	for c := range srv.clients {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

func (srv *Server) closeClients() {
	srv.clientsMu.Lock()
	defer srv.clientsMu.Unlock()
	for c := range srv.clients {
		close(c)
		delete(srv.clients, c)
	}
}

func (srv *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == ReloadPath {
		srv.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := path.Clean("/" + r.URL.Path)
	if name == "/"+IndexFile || strings.HasPrefix(name, "/"+DataDir+"/") {
		srv.awaitIndex(r)
		srv.indexMu.RLock()
		defer srv.indexMu.RUnlock()
	}
	if strings.HasSuffix(name, "/") || strings.HasSuffix(name, ".html") || path.Ext(name) == "" {
		// A page not rendered again since the last edit is rendered now.
		p := name
		if path.Ext(p) == "" && !strings.HasSuffix(p, "/") {
			p += "/"
		}
		srv.mu.RLock()
		site, ok := srv.site, srv.lastErr == nil
		srv.mu.RUnlock()
		if ok && site != nil && site.NeedsRender(p) {
			srv.hugoMu.Lock()
			srv.mu.Lock()
			if _, err := site.RenderOnVisit(p); err != nil {
				srv.lastErr = err
				printErr(srv.stderr, "serve", err)
			}
			srv.mu.Unlock()
			srv.hugoMu.Unlock()
		}
	}
	srv.mu.RLock()
	pub, lastErr := srv.pub, srv.lastErr
	var (
		data []byte
		err  error
	)
	if pub != nil && lastErr == nil {
		if st, serr := pub.Stat(name); serr == nil && st.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				srv.mu.RUnlock()
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			name = path.Join(name, "index.html")
		}
		data, err = afero.ReadFile(pub, name)
	}
	srv.mu.RUnlock()

	w.Header().Set("Cache-Control", "no-store")
	if lastErr != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, errorPage(lastErr))
		return
	}
	status := http.StatusOK
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		status = http.StatusNotFound
		srv.mu.RLock()
		data, err = afero.ReadFile(pub, "/404.html")
		srv.mu.RUnlock()
		if err != nil {
			data = []byte("<!doctype html><title>Not found</title><p>Not found: " + html.EscapeString(r.URL.Path) + "</p>")
		}
		name = "/404.html"
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = injectReload(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// events streams a message each time the site is rebuilt (Server-Sent Events).
func (srv *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan struct{}, 1)
	srv.clientsMu.Lock()
	srv.clients[c] = true
	srv.clientsMu.Unlock()
	defer func() {
		srv.clientsMu.Lock()
		delete(srv.clients, c)
		srv.clientsMu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, "retry: 1000\n\n")
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case _, ok := <-c:
			if !ok {
				return
			}
			io.WriteString(w, "data: reload\n\n")
			fl.Flush()
		}
	}
}

func injectReload(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, reloadScript...)
	}
	out := make([]byte, 0, len(page)+len(reloadScript))
	out = append(out, page[:i]...)
	out = append(out, reloadScript...)
	return append(out, page[i:]...)
}

func errorPage(err error) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Build failed</title>` +
		`<body style="font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem">` +
		`<h1>The site did not build</h1><p>Fix this and save; the page reloads by itself.</p><pre style="white-space:pre-wrap">`)
	b.WriteString(html.EscapeString(err.Error()))
	b.WriteString("</pre>" + reloadScript + "</body></html>")
	return b.String()
}

// watchRoots are the directories whose changes trigger a rebuild.
func watchRoots(dir string) []string {
	var roots []string
	for _, d := range []string{"content", "layouts", "static", "assets", "data", "i18n", "archetypes", "themes"} {
		p := filepath.Join(dir, d)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			roots = append(roots, p)
		}
	}
	return append(roots, dir) // for config.toml; not recursive
}

// addTree watches dir and, unless it is the project root, its subdirectories.
func addTree(w *fsnotify.Watcher, dir string) {
	if err := w.Add(dir); err != nil {
		return
	}
	// The project root itself is watched flat (config.toml); its
	// subdirectories of interest are added by watchRoots.
	if _, err := os.Stat(filepath.Join(dir, "config.toml")); err == nil {
		return
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || p == dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		w.Add(p)
		return nil
	})
}

// ignoredChange filters editor droppings and files outside the site.
func ignoredChange(name string) bool {
	base := filepath.Base(name)
	switch {
	case strings.HasPrefix(base, ".#"), strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, ".tmp"), base == "4913":
		return true
	}
	dir := filepath.Base(filepath.Dir(name))
	if dir != "" && filepath.Base(name) != "config.toml" {
		// Changes directly in the project root other than config.toml
		// (public/, vault/, go files) do not concern the site.
		if _, err := os.Stat(filepath.Join(filepath.Dir(name), "config.toml")); err == nil {
			return true
		}
	}
	return false
}
