package site

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	theme "irp/themes/irp"
)

// The browser tests drive Debian's headless Chromium with --dump-dom (the
// DOM after the page's scripts ran) and --screenshot. They skip when
// Chromium is missing, unless IRP_REQUIRE_CHROMIUM=1 (CI) says it must be
// there.

// chromiumPath is Debian's Chromium; IRP_CHROMIUM names another binary.
var chromiumPath = "/usr/bin/chromium"

func init() {
	if p := os.Getenv("IRP_CHROMIUM"); p != "" {
		chromiumPath = p
	}
}

// browserSlots limits how many Chromiums run at once.
var browserSlots = make(chan struct{}, 2)

// chromium returns the browser to drive, or skips the test without one.
func chromium(tb testing.TB) string {
	tb.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("IRP_REQUIRE_CHROMIUM") == "1" {
			tb.Fatalf("chromium not installed at %s, and IRP_REQUIRE_CHROMIUM=1 requires it", chromiumPath)
		}
		tb.Skip("SKIP: chromium not installed")
	}
	return chromiumPath
}

// browse runs headless Chromium with a fresh profile, args and then url,
// and returns what it printed on stdout.
func browse(tb testing.TB, url string, args ...string) []byte {
	tb.Helper()
	bin := chromium(tb)
	browserSlots <- struct{}{}
	defer func() { <-browserSlots }()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	full := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--no-default-browser-check", "--mute-audio",
		"--user-data-dir=" + tb.TempDir(),
	}
	full = append(full, args...)
	full = append(full, url)
	cmd := exec.CommandContext(ctx, bin, full...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("chromium %s: %v\n%s", url, err, lastChars(stderr.String(), 2000))
	}
	return stdout.Bytes()
}

// dumpDOM opens url and returns the DOM once the page's scripts settled:
// after budget of virtual time (timers fire at once, but the clock stands
// still inside a task), or at the load event when budget is 0.
func dumpDOM(tb testing.TB, url string, budget time.Duration, extra ...string) *html.Node {
	tb.Helper()
	args := append([]string{"--dump-dom"}, extra...)
	if budget > 0 {
		args = append(args, "--virtual-time-budget="+strconv.Itoa(int(budget/time.Millisecond)))
	}
	out := browse(tb, url, args...)
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		tb.Fatalf("parsing the DOM of %s: %v", url, err)
	}
	return doc
}

// browserSite builds testdata/browser/site.txtar with the embedded theme
// into a temp dir and returns its publish directory, with probe.html added.
func browserSite(t *testing.T) string {
	t.Helper()
	chromium(t)
	dir := t.TempDir()
	if err := buildBrowserTxtar(filepath.Join("testdata", "browser", "site.txtar"), dir); err != nil {
		t.Fatalf("building the browser test site: %v", err)
	}
	public := filepath.Join(dir, "public")
	if err := copyTestFile(filepath.Join("testdata", "browser", "probe.html"), filepath.Join(public, "probe.html")); err != nil {
		t.Fatal(err)
	}
	return public
}

// buildBrowserTxtar writes the files of a txtar archive under dir and builds
// the site into dir/public.
func buildBrowserTxtar(archive, dir string) error {
	a, err := txtar.ParseFile(archive)
	if err != nil {
		return err
	}
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	_, err = Build(Options{Source: dir, Dest: filepath.Join(dir, "public")})
	return err
}

func copyTestFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// TestChromiumMissing runs a browser test in a child process with no
// Chromium: it skips with a visible SKIP line, or fails when
// IRP_REQUIRE_CHROMIUM=1 (as in CI).
func TestChromiumMissing(t *testing.T) {
	if os.Getenv("IRP_CHROMIUM_CHILD") != "" {
		t.Skip("child")
	}
	missing := filepath.Join(t.TempDir(), "no-chromium")
	run := func(require string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestBrowserSearch$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), "IRP_CHROMIUM="+missing, "IRP_REQUIRE_CHROMIUM="+require, "IRP_CHROMIUM_CHILD=1")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("")
	if err != nil || !strings.Contains(out, "SKIP: chromium not installed") || !strings.Contains(out, "--- SKIP: TestBrowserSearch") {
		t.Errorf("without chromium: err %v, output:\n%s", err, out)
	}
	out, err = run("1")
	if err == nil || !strings.Contains(out, "IRP_REQUIRE_CHROMIUM=1 requires it") || !strings.Contains(out, "--- FAIL: TestBrowserSearch") {
		t.Errorf("without chromium, IRP_REQUIRE_CHROMIUM=1: err %v, output:\n%s", err, out)
	}
}

// resultsPage is what the results page showed.
type resultsPage struct {
	state string   // data-state of the list: "done" once the search ran
	hits  []string // first link of each result, relative to the site root
	marks []string // highlighted words in the snippets
}

func readSearchPage(t *testing.T, doc *html.Node, root string) resultsPage {
	t.Helper()
	list := domFind(doc, func(n *html.Node) bool { return n.DataAtom == atom.Ol && domAttr(n, "id") == "search-results" })
	if list == nil {
		t.Fatal(`no <ol id="search-results"> on the results page`)
	}
	sp := resultsPage{state: domAttr(list, "data-state")}
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		a := domFind(li, func(n *html.Node) bool { return n.DataAtom == atom.A })
		if a == nil {
			t.Fatalf("a result without a link: %s", domText(li))
		}
		sp.hits = append(sp.hits, strings.TrimPrefix(domAttr(a, "href"), root))
	}
	domWalk(list, func(n *html.Node) {
		if n.DataAtom == atom.Mark {
			sp.marks = append(sp.marks, strings.ToLower(domText(n)))
		}
	})
	return sp
}

// TestBrowserSearch opens the shareable results page search/index.html?q=…
// from file:// and over HTTP and checks the hits.
func TestBrowserSearch(t *testing.T) {
	public := browserSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	t.Cleanup(srv.Close)

	cases := []struct {
		name, q string
		first   string // first hit, relative to the site root; "" = no hits
		mark    string // a word the snippets must highlight whole
		http    bool   // also over HTTP (every case runs from file://)
	}{
		{"tool name", "zonememstat", "tools/zonememstat/index.html", "", false},
		{"hyphenated name", "manta-adm", "tools/manta-adm/index.html", "", true},
		{"hyphenated name whole", "manta-adm show", "tools/manta-adm/index.html#examples", "manta-adm", false},
		{"dotted name", "moraystat.d", "tools/moraystat.d/index.html", "moraystat.d", true},
		{"part of a dotted name", "moraystat", "tools/moraystat.d/index.html", "", false},
		{"part of a hyphenated name", "adm", "tools/manta-adm/index.html#examples", "", false},
		{"prefix", "zonemem", "tools/zonememstat/index.html", "", false},
		{"symptom phrase", "zone out of memory", "tools/zonememstat/index.html", "", true},
		{"other symptom phrase", "moray connection pool exhausted", "tools/moraystat.d/index.html", "", false},
		{"heading", "saturation", "guide/where-to-look/index.html#saturation", "", false},
		{"nonsense", "xyzzyplugh", "", "", true},
	}
	schemes := []struct{ name, root string }{
		{"file", (&url.URL{Scheme: "file", Path: filepath.ToSlash(public) + "/"}).String()},
		{"http", srv.URL + "/"},
	}
	for _, s := range schemes {
		for _, c := range cases {
			if s.name == "http" && !c.http {
				continue
			}
			t.Run(s.name+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				u := s.root + "search/index.html?q=" + url.QueryEscape(c.q)
				sp := readSearchPage(t, dumpDOM(t, u, 5*time.Second), s.root)
				if sp.state != "done" {
					t.Fatalf("%s: search did not finish (data-state=%q)", u, sp.state)
				}
				if c.first == "" {
					if len(sp.hits) != 0 {
						t.Fatalf("%q: want no hits, got %q", c.q, sp.hits)
					}
					return
				}
				if len(sp.hits) == 0 || sp.hits[0] != c.first {
					t.Fatalf("%q: first hit want %s, got %q", c.q, c.first, sp.hits)
				}
				if c.mark != "" && !hasString(sp.marks, c.mark) {
					t.Errorf("%q: no snippet highlights %q whole; marks: %q", c.q, c.mark, sp.marks)
				}
			})
		}
	}
}

// TestBrowserTheme runs testdata/browser/probe.html, which drives the
// theme's pages in a 375 px frame (layout, copy buttons, keyboard search,
// dark mode) and reports what it saw.
func TestBrowserTheme(t *testing.T) {
	public := browserSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	t.Cleanup(srv.Close)

	doc := dumpDOM(t, srv.URL+"/probe.html", 30*time.Second)
	pre := domFind(doc, func(n *html.Node) bool { return domAttr(n, "id") == "result" })
	if pre == nil {
		t.Fatal("probe.html: no #result")
	}
	var got struct {
		Error                 string
		Overflow              map[string]int
		CodeBlocks            int
		CopyButtons           int
		InvasiveWarning       string
		Placeholders          []string
		SlashFocus            bool
		MenuOpen              bool
		MenuFirst             string
		MenuOverflow          int
		EscapeClears          bool
		ActiveSelected        string
		EnterOpens            string
		EnterSearchPage       string
		SearchPageFirst       string
		ToggleVisible         bool
		ThemeAfterClick       string
		BgChanged             bool
		ThemeAfterReload      string
		ThemeAfterSecondClick string
		Landmarks             []string
		SkipTarget            string
		HeaderSearch          map[string]bool
		TableScroll           map[string][]int
		Crumbs                []string
		CrumbCurrent          string
		TOC                   []string
		LastChanged           string
		FocusOutline          string
		Print                 printLook
		ToolsSummaryShare     float64
		StackLabels           []string
	}
	raw := domText(pre)
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("probe result %q: %v", lastChars(raw, 300), err)
	}
	if got.Error != "" {
		t.Fatalf("probe failed: %s", got.Error)
	}
	if len(got.Overflow) == 0 {
		t.Error("probe measured no pages")
	}
	for page, px := range got.Overflow {
		if px > 0 {
			t.Errorf("%s at 375 px: %d px wider than the screen (horizontal scroll)", page, px)
		}
	}
	for page, ok := range got.HeaderSearch {
		if !ok {
			t.Errorf("%s: no search box in the header", page)
		}
	}
	if len(got.HeaderSearch) != len(got.Overflow) {
		t.Errorf("search box looked for on %d pages of %d", len(got.HeaderSearch), len(got.Overflow))
	}
	// Tables fit a phone without scrolling sideways inside their box.
	if len(got.TableScroll["tools/index.html"]) == 0 || len(got.TableScroll["tools/manta-adm/index.html"]) == 0 {
		t.Errorf("no table measured on tools/index.html or tools/manta-adm/index.html: %v", got.TableScroll)
	}
	for page, widths := range got.TableScroll {
		for i, px := range widths {
			if px > 0 {
				t.Errorf("%s at 375 px: table %d scrolls sideways by %d px", page, i+1, px)
			}
		}
	}
	if strings.Join(got.StackLabels, "|") != "|What it holds|What to look for" {
		t.Errorf("table cells at 375 px labelled %q, want the first cell plain and the others under their column names", got.StackLabels)
	}
	if got.ToolsSummaryShare < 0.9 {
		t.Errorf("tools/index.html at 375 px: what each tool answers gets %.0f%% of the width, want the full width", 100*got.ToolsSummaryShare)
	}
	if strings.Join(got.Crumbs, " / ") != "Home / Tools / manta-adm" || got.CrumbCurrent != "manta-adm" {
		t.Errorf("breadcrumbs = %q (current %q), want Home / Tools / manta-adm", got.Crumbs, got.CrumbCurrent)
	}
	if strings.Join(got.TOC, " ") != "#when-to-reach-for-it #examples #reading-the-output #pitfalls" {
		t.Errorf("table of contents = %q", got.TOC)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\d$`).MatchString(got.LastChanged) {
		t.Errorf("last changed = %q, want a date", got.LastChanged)
	}
	if m := regexp.MustCompile(`^solid (\d+(?:\.\d+)?)px$`).FindStringSubmatch(got.FocusOutline); m == nil {
		t.Errorf("focused link outline = %q, want a solid outline", got.FocusOutline)
	} else if w, _ := strconv.ParseFloat(m[1], 64); w < 2 {
		t.Errorf("focused link outline %s is thinner than 2 px", m[1])
	}
	got.Print.check(t, "printed with the dark toggle on")
	if got.CodeBlocks == 0 || got.CopyButtons != got.CodeBlocks {
		t.Errorf("copy buttons: %d visible for %d code blocks", got.CopyButtons, got.CodeBlocks)
	}
	if !strings.Contains(got.InvasiveWarning, "Changes the system") {
		t.Errorf("invasive block warning = %q", got.InvasiveWarning)
	}
	if strings.Join(got.Placeholders, " ") != "{{service}} {{file}}" {
		t.Errorf("placeholders marked = %q, want {{service}} {{file}}", got.Placeholders)
	}
	checks := []struct {
		what string
		ok   bool
	}{
		{`"/" focuses the search box`, got.SlashFocus},
		{"typing opens the results menu", got.MenuOpen},
		{"the menu fits the screen", got.MenuOverflow <= 0},
		{"Escape clears the box", got.EscapeClears},
		{"ArrowDown selects the first hit", got.ActiveSelected == "search-opt-0"},
		{"the toggle is shown", got.ToggleVisible},
		{"the toggle changes the colours", got.BgChanged},
		{"skip link goes to main", got.SkipTarget == "#main"},
		{"landmarks header, nav, main, footer", len(got.Landmarks) == 4},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: no (probe: %s)", c.what, lastChars(raw, 2000))
		}
	}
	eq := []struct{ what, got, want string }{
		{"menu's first hit for manta-adm", got.MenuFirst, "tools/manta-adm/index.html"},
		{"ArrowDown, Enter opens", got.EnterOpens, "tools/zonememstat/index.html"},
		{"Enter with no selection opens", got.EnterSearchPage, "search/index.html?q=zone%20out%20of%20memory"},
		{"results page's first hit", got.SearchPageFirst, "tools/zonememstat/index.html"},
		{"theme after clicking the toggle", got.ThemeAfterClick, "dark"},
		{"theme after a reload", got.ThemeAfterReload, "dark"},
		{"theme after clicking again", got.ThemeAfterSecondClick, "system"},
	}
	for _, e := range eq {
		// Go's file server answers …/index.html with a redirect to …/.
		if strings.Replace(e.got, "index.html", "", 1) != strings.Replace(e.want, "index.html", "", 1) {
			t.Errorf("%s: got %q, want %q", e.what, e.got, e.want)
		}
	}
}

// printLook is what a page looks like with the print rules applied.
type printLook struct {
	Rules  int
	Bg, Fg string
	Shown  []string
}

func (p printLook) check(t *testing.T, when string) {
	t.Helper()
	if p.Rules == 0 {
		t.Errorf("%s: no @media print rules found", when)
	}
	if p.Bg != "rgb(255, 255, 255)" || p.Fg != "rgb(0, 0, 0)" {
		t.Errorf("%s: body is %s on %s, want black on white", when, p.Fg, p.Bg)
	}
	if len(p.Shown) > 0 {
		t.Errorf("%s: still shown: %q", when, p.Shown)
	}
}

// TestBrowserDarkSystem runs the probe with the system preference set to
// dark: the theme follows it without a click, and printing still gives
// black on white.
func TestBrowserDarkSystem(t *testing.T) {
	public := browserSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	t.Cleanup(srv.Close)

	doc := dumpDOM(t, srv.URL+"/probe.html?only=dark", 10*time.Second,
		"--force-dark-mode", "--blink-settings=preferredColorScheme=0")
	pre := domFind(doc, func(n *html.Node) bool { return domAttr(n, "id") == "result" })
	if pre == nil {
		t.Fatal("probe.html: no #result")
	}
	var got struct {
		Error, Theme, Bg, TogglePressed string
		Print                           printLook
	}
	raw := domText(pre)
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("probe result %q: %v", lastChars(raw, 300), err)
	}
	if got.Error != "" {
		t.Fatalf("probe failed: %s", got.Error)
	}
	if got.Theme != "system" || got.Bg != "rgb(15, 20, 25)" || got.TogglePressed != "true" {
		t.Errorf("dark system preference: theme %q, background %s, toggle pressed %q; want system, rgb(15, 20, 25), true",
			got.Theme, got.Bg, got.TogglePressed)
	}
	got.Print.check(t, "printed in system dark mode")
}

// TestBrowserScreenshots takes desktop and phone screenshots (light and
// dark) into the test's temp dir; IRP_SCREENSHOTS=DIR keeps them there
// instead, to look at.
func TestBrowserScreenshots(t *testing.T) {
	public := browserSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	if d := os.Getenv("IRP_SCREENSHOTS"); d != "" {
		dir = d
	}
	shots := []struct {
		name, page string
		width      int
		dark       bool
	}{
		{"tool-1280", "tools/manta-adm/index.html", 1280, false},
		{"tool-375", "tools/manta-adm/index.html", 375, false},
		{"tool-375-dark", "tools/manta-adm/index.html", 375, true},
		{"home-1280-dark", "index.html", 1280, true},
		{"search-375", "search/index.html?q=zone+memory", 375, false},
	}
	for _, s := range shots {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(dir, s.name+".png")
			args := []string{"--screenshot=" + file, "--window-size=" + strconv.Itoa(s.width) + ",1000",
				"--hide-scrollbars", "--virtual-time-budget=3000"}
			if s.dark {
				args = append(args, "--force-dark-mode")
			}
			browse(t, srv.URL+"/"+s.page, args...)
			f, err := os.Open(file)
			if err != nil {
				t.Fatalf("no screenshot: %v", err)
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil || st.Size() == 0 {
				t.Fatalf("screenshot %s is empty", file)
			}
			img, err := png.Decode(f)
			if err != nil {
				t.Fatalf("screenshot %s: %v", file, err)
			}
			if w := img.Bounds().Dx(); w != s.width {
				t.Errorf("screenshot %s is %d px wide, want %d", file, w, s.width)
			}
		})
	}
}

// TestLinksWorkAsFiles checks every link the theme and content put in the
// built pages: an internal link must name a file that exists (a directory
// link would show a listing when the site is opened from file://).
func TestLinksWorkAsFiles(t *testing.T) {
	public := browserSite(t)
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" || filepath.Base(p) == "probe.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			return err
		}
		relp, _ := filepath.Rel(public, p)
		domWalk(doc, func(n *html.Node) {
			var ref string
			asset := true // loaded with the page, not followed by the reader
			switch n.DataAtom {
			case atom.A, atom.Form:
				asset = false
				ref = domAttr(n, "href") + domAttr(n, "action")
			case atom.Link:
				ref = domAttr(n, "href")
			case atom.Script, atom.Img, atom.Iframe, atom.Source, atom.Video, atom.Audio, atom.Embed:
				ref = domAttr(n, "src")
				if ref == "" {
					return // inline script
				}
			default:
				return
			}
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad link %q", relp, ref)
				return
			}
			if asset && (u.Scheme != "" || u.Host != "") {
				t.Errorf("%s: <%s> loads %q from outside the site (every asset must be local)", relp, n.Data, ref)
				return
			}
			if u.Scheme != "" || u.Host != "" || u.Path == "" {
				return // outside the site, or a fragment of this page
			}
			if strings.HasPrefix(u.Path, "/") {
				t.Errorf("%s: link %q is absolute; opened as a file it points at the disk's root", relp, ref)
				return
			}
			target := filepath.Join(filepath.Dir(p), filepath.FromSlash(u.Path))
			st, err := os.Stat(target)
			switch {
			case err != nil:
				t.Errorf("%s: link %q: no such file", relp, ref)
			case st.IsDir():
				t.Errorf("%s: link %q is a directory (shows a listing from file://)", relp, ref)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Nor does a stylesheet or script of the theme fetch from outside.
	outside := regexp.MustCompile(`(?i)(url\(\s*["']?(https?:)?//|@import\s+["']?(https?:)?//|fetch\(\s*["'](https?:)?//)`)
	err = fs.WalkDir(theme.Files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (!strings.HasSuffix(p, ".css") && !strings.HasSuffix(p, ".js")) {
			return err
		}
		b, err := theme.Files.ReadFile(p)
		if err != nil {
			return err
		}
		if m := outside.Find(b); m != nil {
			t.Errorf("theme %s loads from outside the site: %q", p, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func domFind(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := domFind(c, match); f != nil {
			return f
		}
	}
	return nil
}

func domWalk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		domWalk(c, fn)
	}
}

func domAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func domText(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

func hasString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func lastChars(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
