package site

import (
	"context"
	"fmt"
	"html/template"
	"os"
	"path"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gohugoio/hugo/resources/page"
	"github.com/spf13/afero"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// IndexFile is the search index's manifest at the site root. It is a
// script, not JSON, so that it loads from file:// as well as over HTTP.
const IndexFile = "search-index.js"

// Doc is one search-index entry: the top of a page (Heading empty) or one
// h2/h3 section of it. The theme's search script reads exactly these fields.
type Doc struct {
	ID       int    `json:"id"`
	Title    string `json:"title"`
	Heading  string `json:"heading"`
	URL      string `json:"url"`
	Text     string `json:"text"`
	Section  string `json:"section"`
	Symptoms string `json:"symptoms"`
	Summary  string `json:"summary"`
	Manta    string `json:"manta,omitempty"` // the Manta versions the page applies to ("v1 v2"), for a badge on the hit
}

type indexStats struct{ docs, bytes int }

// section is a piece of a rendered page: the intro (id "") or one h2/h3.
type section struct {
	id, heading, text string
}

// writeSearchIndex walks the built pages and writes the search index
// (search-index.js and its parts, see buildIndex).
func (s *Site) writeSearchIndex() (indexStats, error) {
	t0 := time.Now()
	gc := 0
	if s.once {
		// Hugo's pages are all alive until the entries are read: a
		// collection now would mark all of them for nothing.
		gc = debug.SetGCPercent(-1)
	}
	docs, err := s.indexDocs()
	if err != nil {
		if s.once {
			debug.SetGCPercent(gc)
		}
		return indexStats{}, err
	}
	tr := time.Now()
	if s.once {
		s.release(gc)
	}
	t1 := time.Now()
	files, n, err := buildIndex(docs)
	if err != nil {
		return indexStats{}, err
	}
	t2 := time.Now()
	st, err := s.writeFiles(files, n)
	if os.Getenv("IRP_SITE_TIMINGS") != "" {
		fmt.Fprintf(os.Stderr, "irp-site: index docs %v, letting Hugo go %v, build %v, write %v\n", tr.Sub(t0).Round(time.Millisecond),
			t1.Sub(tr).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond), time.Since(t2).Round(time.Millisecond))
	}
	return st, err
}

// indexDocs makes the index entries of the built pages. It reads Hugo's
// pages: no build may run meanwhile.
func (s *Site) indexDocs() ([]Doc, error) {
	var pages page.Pages
	base := "/"
	for _, site := range s.h.Sites {
		if home := site.Home(); home != nil {
			base = home.RelPermalink()
		}
		for _, p := range site.Pages() {
			switch p.Kind() {
			case "page", "section", "home":
			default:
				continue
			}
			if v, ok := p.Params()["search"].(bool); ok && !v {
				continue
			}
			pages = append(pages, p)
		}
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}

	docs := make([][]Doc, len(pages))
	errs := make([]error, len(pages))
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				docs[i], errs[i] = s.pageDocs(pages[i], base)
			}
		}()
	}
	for i := range pages {
		work <- i
	}
	close(work)
	wg.Wait()
	if lines := s.log.errors(); len(lines) > 0 {
		// Content rendered here for the first time (a page no template
		// showed) can still hit a broken link.
		return nil, &BuildError{Lines: lines}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}

	order := make([]int, len(pages))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return pages[order[a]].RelPermalink() < pages[order[b]].RelPermalink()
	})
	var all []Doc
	for _, i := range order {
		for _, d := range docs[i] {
			d.ID = len(all)
			all = append(all, d)
		}
	}
	if all == nil {
		all = []Doc{}
	}

	return all, nil
}

// release lets Hugo go after a build that is not followed by another:
// its pages, caches and rendered content are garbage from here on. gc is
// the GC percent to go on with, unless Options.IndexGCPercent says.
func (s *Site) release(gc int) {
	_ = s.h.Close()
	s.h = nil
	// Collect now, while little is alive: left to itself the collector
	// would let the heap grow to twice what Hugo held before it ran.
	runtime.GC()
	if s.opts.IndexGCPercent != 0 {
		gc = s.opts.IndexGCPercent
	}
	debug.SetGCPercent(gc)
}

// writeIndexFiles writes the index of docs into the publish directory.
func (s *Site) writeIndexFiles(docs []Doc) (indexStats, error) {
	files, n, err := buildIndex(docs)
	if err != nil {
		return indexStats{}, err
	}
	return s.writeFiles(files, n)
}

func (s *Site) writeFiles(files []indexFile, n int) (indexStats, error) {
	st := indexStats{docs: n}
	for _, f := range files {
		if err := s.fs.PublishDir.MkdirAll(path.Dir(f.name), 0o755); err != nil {
			return indexStats{}, err
		}
		if err := afero.WriteFile(s.fs.PublishDir, f.name, f.data, 0o644); err != nil {
			return indexStats{}, err
		}
		st.bytes += len(f.data)
	}
	return st, nil
}

// pageDocs makes the entries of one page: its top, then one per section.
func (s *Site) pageDocs(p page.Page, base string) ([]Doc, error) {
	c, err := p.Content(context.Background())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path(), err)
	}
	var content string
	switch v := c.(type) {
	case template.HTML:
		content = string(v)
	case string:
		content = v
	}
	url := strings.TrimPrefix(p.RelPermalink(), base)
	if url == "" {
		url = "./"
	}
	sec := p.Section()
	if sec == "" {
		sec = p.Kind()
	}
	params := p.Params()
	summary := paramString(params["summary"])
	if summary == "" {
		summary = paramString(params["description"])
	}
	title := p.Title()
	manta := strings.Join(strings.Split(paramString(params["manta"]), "; "), " ")

	var parts []section
	if s.once {
		parts = splitSections(content)
	} else {
		parts = s.sections.split(p.Path(), content)
	}
	docs := make([]Doc, 0, len(parts))
	for _, part := range parts {
		d := Doc{Title: title, URL: url, Section: sec, Text: part.text, Manta: manta}
		if part.id == "" && part.heading == "" {
			d.Summary = summary
			d.Symptoms = paramString(params["symptoms"])
		} else {
			d.Heading = part.heading
			d.URL = url + "#" + part.id
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// paramString flattens a front matter value: a list joins with "; ".
func paramString(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case []string:
		return strings.Join(t, "; ")
	case []any:
		var parts []string
		for _, e := range t {
			if s := paramString(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "; ")
	default:
		return fmt.Sprint(t)
	}
}

// splitSections cuts rendered page content at each h2/h3 that has an id
// and returns the plain text of each piece; the first piece is the intro
// (it is always present, possibly empty). It reads a tag's attributes only
// where one matters (an h2/h3's id, an aria-hidden), and keeps its text in
// two buffers for the whole page.
func splitSections(content string) []section {
	z := html.NewTokenizer(strings.NewReader(content))
	parts := []section{{}}
	var (
		text, head []byte
		inHeading  atom.Atom // h2/h3 being read
		skip       int       // depth inside script/style/aria-hidden
		skipTag    []atom.Atom
	)
	flush := func() {
		parts[len(parts)-1].text = collapse(text)
		text = text[:0]
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return parts
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if inHeading != 0 {
				head = append(head, z.Text()...)
			} else {
				text = append(text, z.Text()...)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := z.Raw()
			a := tagAtom(raw)
			if skip > 0 {
				if tt == html.StartTagToken && !void(a) {
					skip++
					skipTag = append(skipTag, a)
				}
				continue
			}
			var id string
			hidden := false
			if heading := a == atom.H2 || a == atom.H3; heading || containsFold(raw, "aria-hidden") {
				for more := true; more; {
					var k, v []byte
					k, v, more = z.TagAttr()
					switch string(k) {
					case "id":
						id = string(v)
					case "aria-hidden":
						hidden = string(v) == "true"
					}
				}
			}
			if hidden || skipped(a) {
				if tt == html.StartTagToken && !void(a) {
					skip++
					skipTag = append(skipTag, a)
				}
				continue
			}
			if (a == atom.H2 || a == atom.H3) && id != "" && tt == html.StartTagToken {
				flush()
				parts = append(parts, section{id: id})
				inHeading = a
				head = head[:0]
				continue
			}
			if blockish(a) {
				if inHeading != 0 {
					head = append(head, ' ')
				} else {
					text = utf8.AppendRune(text, separator(a))
				}
			}
		case html.EndTagToken:
			a := tagAtom(z.Raw())
			if skip > 0 {
				if skipTag[len(skipTag)-1] == a {
					skip--
					skipTag = skipTag[:len(skipTag)-1]
				}
				continue
			}
			if inHeading != 0 && a == inHeading {
				parts[len(parts)-1].heading = collapse(head)
				inHeading = 0
				continue
			}
			if blockish(a) {
				text = utf8.AppendRune(text, separator(a))
			}
		}
	}
}

// tagAtom is the element of a start or end tag, read from its raw text
// as the tokenizer reads the name (lowercased, up to white space, / or >),
// without the copy TagName makes.
func tagAtom(raw []byte) atom.Atom {
	i := 1
	if i < len(raw) && raw[i] == '/' {
		i++
	}
	var name [32]byte // longer than any name atom knows (maxAtomLen)
	n := 0
	for ; i < len(raw); i++ {
		c := raw[i]
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '/' || c == '>' {
			break
		}
		if n == len(name) {
			return 0
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		name[n] = c
		n++
	}
	return atom.Lookup(name[:n])
}

// containsFold reports whether b holds the ASCII word w in any case.
func containsFold(b []byte, w string) bool {
	for i := 0; i+len(w) <= len(b); i++ {
		j := 0
		for j < len(w) && (b[i+j]|0x20) == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// skipped elements carry no searchable text (copy buttons, icons, code run
// by the browser).
func skipped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Button, atom.Svg, atom.Template, atom.Noscript, atom.Select:
		return true
	}
	return false
}

func void(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

func blockish(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Pre, atom.Br, atom.Tr, atom.Td, atom.Th,
		atom.Table, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Dt, atom.Dd, atom.Section, atom.Figure, atom.Figcaption, atom.Hr:
		return true
	}
	return false
}

// blockSep goes around the code blocks of a section's text in the index:
// the paragraph separator, which search treats as a space and the leak
// check as the edge of a passage (prose and the command under it are not
// one sentence).
const blockSep = '\u2029'

// separator is what the edge of a block element a leaves in the text.
func separator(a atom.Atom) rune {
	if a == atom.Pre {
		return blockSep
	}
	return ' '
}

// collapse trims and squeezes runs of white space to one space, or to one
// blockSep when the run holds one.
func collapse(s []byte) string {
	b := make([]byte, 0, len(s))
	space, block := false, false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(s[i:])
		}
		i += n
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			space = true
			continue
		case blockSep:
			space, block = true, true
			continue
		}
		if space && len(b) > 0 {
			if block {
				b = utf8.AppendRune(b, blockSep)
			} else {
				b = append(b, ' ')
			}
		}
		space, block = false, false
		switch {
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		case r == utf8.RuneError && n == 1:
			b = utf8.AppendRune(b, r) // a byte that is not UTF-8, as range reads it
		default:
			b = append(b, s[i-n:i]...)
		}
	}
	return string(b)
}

// sectionCache keeps each page's split content: the preview server indexes
// again after every edit, and most pages have not changed.
type sectionCache struct {
	mu    sync.Mutex
	pages map[string]cachedSections
}

type cachedSections struct {
	content string
	parts   []section
}

// split is splitSections(content), from the cache when the page at key
// has the same content as last time.
func (c *sectionCache) split(key, content string) []section {
	c.mu.Lock()
	e, ok := c.pages[key]
	c.mu.Unlock()
	if ok && e.content == content {
		return e.parts
	}
	parts := splitSections(content)
	c.mu.Lock()
	if c.pages == nil {
		c.pages = map[string]cachedSections{}
	}
	c.pages[key] = cachedSections{content, parts}
	c.mu.Unlock()
	return parts
}
