// Package lint checks the site's content before it is built: internal links
// and anchors, the cheat-sheet schema, duplicate titles and malformed front
// matter. Every finding names a file and line.
package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	toml "github.com/pelletier/go-toml/v2"

	"irp/internal/cheatsheet"
	"irp/internal/doc"
	"irp/internal/project"
	"irp/internal/provenance"
)

// Finding is one problem in the content, at a line of a file.
type Finding struct {
	File string // relative to the project root, slash-separated
	Line int
	Msg  string
}

func (f Finding) String() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Msg)
	}
	return fmt.Sprintf("%s: %s", f.File, f.Msg)
}

// Report is the result of a check: the findings, sorted by file and line,
// and what was checked.
type Report struct {
	Findings    []Finding
	Pages       int // Markdown pages under content/
	CheatSheets int // pages under content/tools/ checked against the schema
	// RawHTML are the pages with raw HTML in their Markdown (besides
	// comments), which the site renders as written: see RawHTMLNote.
	RawHTML []string
}

// RawHTMLNote is one line saying which pages carry raw HTML and what the
// site does with it, or "" when none does.
func (r *Report) RawHTMLNote() string {
	n := len(r.RawHTML)
	if n == 0 {
		return ""
	}
	const shown = 5
	files := strings.Join(r.RawHTML[:min(n, shown)], ", ")
	if n > shown {
		files += fmt.Sprintf(" and %d more", n-shown)
	}
	what := "page carries"
	if n > 1 {
		what = "pages carry"
	}
	return fmt.Sprintf("%d %s raw HTML, which the site renders as written: %s", n, what, files)
}

// Options say what the lint leaves to others.
type Options struct {
	// LinksRendered leaves internal links and their anchors to the site
	// engine, which checks each one as it renders it (the irp theme's
	// render-link hook, naming file and line) in the build that runs
	// beside the lint: a page is then parsed as Markdown only when
	// something else needs its body (a cheat-sheet's schema, a title from
	// its first heading, raw HTML).
	LinksRendered bool
}

// Check lints every page under the project's content/ directory. The error
// is only for content that cannot be read at all; problems in the pages are
// findings.
func Check(p project.Project) (*Report, error) { return CheckWith(p, Options{}) }

// CheckWith is Check, leaving to others what o says.
func CheckWith(p project.Project, o Options) (*Report, error) {
	root := p.Content()
	fsys := os.DirFS(root)
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("check content: %s is not a directory", p.Rel(root))
	}
	prefix := filepath.ToSlash(p.Rel(root)) + "/"
	pages := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type().IsRegular() && strings.HasSuffix(name, ".md") {
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				return err
			}
			pages[name] = src
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check content: %w", err)
	}
	return checkPages(prefix, pages, !rawHTMLOff(p), o), nil
}

// rawHTMLOff reports whether config.toml turns raw HTML in content off
// (markup.goldmark.renderer.unsafe = false); the site renders it when it
// does not say.
func rawHTMLOff(p project.Project) bool {
	b, err := os.ReadFile(p.Config())
	if err != nil {
		return false
	}
	var cfg struct {
		Markup struct {
			Goldmark struct {
				Renderer struct {
					Unsafe *bool `toml:"unsafe"`
				} `toml:"renderer"`
			} `toml:"goldmark"`
		} `toml:"markup"`
	}
	if toml.Unmarshal(b, &cfg) != nil {
		return false // the site build reports it
	}
	u := cfg.Markup.Goldmark.Renderer.Unsafe
	return u != nil && !*u
}

// checkPages lints a set of pages: names are slash paths relative to the
// content root ("tools/svcs.md"), prefix is put in front of them in
// findings ("content/"). With rawHTML false the site leaves raw HTML out,
// so its anchors are no anchors and there is nothing to note; o says
// what is left to others.
func checkPages(prefix string, pages map[string][]byte, rawHTML bool, o Options) *Report {
	c := &checker{prefix: prefix, pages: map[string]*page{}}
	names := make([]string, 0, len(pages))
	for name := range pages {
		names = append(names, name)
	}
	sort.Strings(names)
	list := make([]*page, len(names))
	for i, name := range names {
		list[i] = &page{name: name, src: pages[name]}
		c.pages[name] = list[i]
	}

	// Pages are parsed, then checked, on every CPU: the lint runs before
	// every build and must stay small next to it.
	parallel(list, func(pg *page) {
		parse := doc.Parse
		if o.LinksRendered && !bodyNeeded(pg, rawHTML) {
			parse = doc.ParseFrontMatter
		}
		d, err := parse(prefix+pg.name, pg.src)
		if err == nil && d.AST() == nil && strings.TrimSpace(d.String("title")) == "" {
			d, err = doc.Parse(prefix+pg.name, pg.src) // the title is its first heading
		}
		if err != nil {
			var de *doc.Error
			if errors.As(err, &de) {
				pg.add(c.prefix, de.Line, "%s", de.Msg)
			} else {
				pg.add(c.prefix, 1, "%s", err)
			}
			return
		}
		pg.doc = d
		title, h := d.Title()
		if !o.LinksRendered {
			pg.anchors = anchors(d, h, rawHTML)
		}
		if title == "" && !resource(pg.name, c.pages) {
			pg.add(c.prefix, max(d.FrontLine, 1), "no title: set title in the front matter, or start the page with a \"# \" heading")
		}
		pg.rawHTML = rawHTML && d.AST() != nil && hasRawHTML(d)
	})
	site := cheatsheet.Site{Components: map[string]bool{}, Tools: map[string]bool{}}
	r := &Report{Pages: len(names)}
	for _, pg := range list {
		if tool, ok := leafName(pg.name, "tools"); ok && pg.doc != nil {
			site.Tools[tool] = true
			r.CheatSheets++
		}
		if comp, ok := leafName(pg.name, "components"); ok && pg.doc != nil {
			site.Components[comp] = true
		}
	}
	parallel(list, func(pg *page) {
		if pg.doc == nil {
			return
		}
		if _, ok := leafName(pg.name, "tools"); ok {
			for _, pr := range cheatsheet.Check(pg.doc, pg.src, site) {
				pg.add(c.prefix, pr.Line, "%s", pr.Msg)
			}
		}
		if !o.LinksRendered {
			c.links(pg)
		}
		c.sources(pg)
		if pg.rawHTML {
			c.remoteHTML(pg)
		}
	})
	for _, pg := range list {
		c.out = append(c.out, pg.out...)
		if pg.rawHTML {
			r.RawHTML = append(r.RawHTML, c.prefix+pg.name)
		}
	}
	c.titles(names)
	sort.Slice(c.out, func(i, j int) bool {
		a, b := c.out[i], c.out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Msg < b.Msg
	})
	r.Findings = c.out
	return r
}

// bodyNeeded reports whether the lint needs pg's Markdown parsed when it
// leaves links to the site engine: for a cheat-sheet's schema, and for raw
// HTML, which needs a "<" somewhere.
func bodyNeeded(pg *page, rawHTML bool) bool {
	if _, ok := leafName(pg.name, "tools"); ok {
		return true
	}
	return rawHTML && bytes.IndexByte(pg.src, '<') >= 0
}

// parallel runs f on every page, on as many goroutines as there are CPUs.
func parallel(list []*page, f func(*page)) {
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	for range min(runtime.GOMAXPROCS(0), len(list)) {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(list)); i = next.Add(1) - 1 {
				f(list[i])
			}
		})
	}
	wg.Wait()
}

type page struct {
	name    string // slash path relative to content/
	src     []byte
	doc     *doc.Doc        // nil when the page does not parse
	anchors map[string]bool // heading ids, and anchors in raw HTML
	rawHTML bool            // raw HTML in the Markdown, comments aside
	out     []Finding       // this page's findings, while pages are checked in parallel
}

func (pg *page) add(prefix string, line int, format string, args ...any) {
	pg.out = append(pg.out, Finding{prefix + pg.name, line, fmt.Sprintf(format, args...)})
}

type checker struct {
	prefix string
	pages  map[string]*page
	out    []Finding
}

func (c *checker) add(name string, line int, format string, args ...any) {
	c.out = append(c.out, Finding{c.prefix + name, line, fmt.Sprintf(format, args...)})
}

// leafName returns NAME when the page is section/NAME.md or
// section/NAME/index.md — a regular page of that section.
func leafName(name, section string) (string, bool) {
	rest, ok := strings.CutPrefix(name, section+"/")
	if !ok {
		return "", false
	}
	if n, ok := strings.CutSuffix(rest, "/index.md"); ok && !strings.Contains(n, "/") {
		return n, true
	}
	if n, ok := strings.CutSuffix(rest, ".md"); ok && !strings.Contains(n, "/") && n != "_index" && n != "index" {
		return n, true
	}
	return "", false
}

// attrBlock is a heading attribute block such as {#custom-id .class}.
var attrBlock = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s*\{([^{}]*)\}\s*$`) })

// anchors returns the ids of a page's headings as Hugo renders them,
// honouring {#custom-id} heading attributes, leaving out the heading
// (index skip) that became the page's title, and adds the anchors of its
// raw HTML (<a name="x">, id="x") when the site renders it.
func anchors(d *doc.Doc, skip int, rawHTML bool) map[string]bool {
	ids := map[string]bool{}
	if rawHTML {
		ids = htmlAnchors(d)
	}
	seen := map[string]bool{}
	for i, s := range d.Sections {
		if i == skip {
			continue
		}
		m := attrBlock().FindStringSubmatchIndex(s.Title)
		if m == nil {
			id := s.ID
			if skip >= 0 {
				// Without the title heading, a later one of the same
				// text may no longer need a number.
				id = doc.AnchorID(s.Title)
				if id == "" {
					id = "heading"
				}
				for n, base := 1, id; seen[id]; n++ {
					id = fmt.Sprintf("%s-%d", base, n)
				}
				seen[id] = true
			}
			ids[id] = true
			continue
		}
		custom := ""
		for _, f := range strings.Fields(s.Title[m[2]:m[3]]) {
			if id, ok := strings.CutPrefix(f, "#"); ok {
				custom = id
			}
		}
		if custom == "" {
			custom = doc.AnchorID(s.Title[:m[0]])
		}
		ids[custom] = true
	}
	return ids
}

// titles reports every page whose title another page also has.
func (c *checker) titles(names []string) {
	type use struct{ name, title string }
	byTitle := map[string][]use{}
	for _, name := range names {
		pg := c.pages[name]
		if pg.doc == nil {
			continue
		}
		t, _ := pg.doc.Title()
		if t == "" {
			continue
		}
		key := strings.ToLower(strings.Join(strings.Fields(t), " "))
		byTitle[key] = append(byTitle[key], use{name, t})
	}
	for _, uses := range byTitle {
		if len(uses) < 2 {
			continue
		}
		for _, u := range uses {
			var others []string
			for _, o := range uses {
				if o.name != u.name {
					others = append(others, c.prefix+o.name)
				}
			}
			pg := c.pages[u.name]
			line := doc.FieldLine(pg.src, pg.doc.BodyLine, "title")
			if _, h := pg.doc.Title(); h >= 0 {
				line = pg.doc.Sections[h].Line
			}
			c.add(u.name, line, "title %q is also used by %s", u.title, strings.Join(others, ", "))
		}
	}
}

// resolve finds the page a content path points at from the page from:
// a file ("../tools/svcs.md"), a page without its extension, or a
// directory with an _index.md or index.md. ok is false when there is none;
// target is "" for a page without a file (the home page, a section).
func (c *checker) resolve(from, p string) (target string, ok bool) {
	var t string
	if strings.HasPrefix(p, "/") {
		t = path.Clean(strings.TrimLeft(p, "/"))
	} else {
		t = path.Join(path.Dir(from), p)
	}
	if t == ".." || strings.HasPrefix(t, "../") {
		return "", false
	}
	if path.Ext(t) == ".md" {
		_, ok := c.pages[t]
		return t, ok
	}
	if t == "." {
		if _, ok := c.pages["_index.md"]; ok {
			return "_index.md", true
		}
		return "", true // the home page exists without a file
	}
	for _, cand := range []string{t + ".md", t + "/_index.md", t + "/index.md"} {
		if _, ok := c.pages[cand]; ok {
			return cand, true
		}
	}
	// Hugo makes a section page for every top-level directory with pages,
	// even without an _index.md; it has no headings.
	if !strings.Contains(t, "/") {
		for name := range c.pages {
			if strings.HasPrefix(name, t+"/") {
				return "", true
			}
		}
	}
	return "", false
}

// sources reports every front matter source on GitHub that is not pinned
// to a commit, on any page.
func (c *checker) sources(pg *page) {
	raw, _ := pg.doc.Params["sources"].([]any)
	for _, it := range raw {
		m, _ := it.(map[string]any)
		u, _ := m["url"].(string)
		if msg := provenance.Pinned(u); msg != "" {
			pg.add(c.prefix, doc.FieldLine(pg.src, pg.doc.BodyLine, "sources"), "sources: %s", msg)
		}
	}
}
