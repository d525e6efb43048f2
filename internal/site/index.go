package site

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
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
	if s.once && s.opts.IndexHeadroom > 0 {
		defer s.indexBudget()()
	}
	docs, err := s.indexDocs()
	if err != nil {
		return indexStats{}, err
	}
	if s.once {
		s.release()
	}
	t1 := time.Now()
	files, n, err := buildIndex(docs)
	if err != nil {
		return indexStats{}, err
	}
	t2 := time.Now()
	st, err := s.writeFiles(files, n)
	if os.Getenv("IRP_SITE_TIMINGS") != "" {
		fmt.Fprintf(os.Stderr, "irp-site: index docs %v, build %v, write %v\n", t1.Sub(t0).Round(time.Millisecond),
			t2.Sub(t1).Round(time.Millisecond), time.Since(t2).Round(time.Millisecond))
	}
	return st, err
}

// indexBudget has the search index of a one-shot build made with the
// collector off, under a memory limit Options.IndexHeadroom above what
// the process holds when the render is done: Hugo's pages are all alive
// while the index reads them (a collection then would mark them all for
// nothing), and once Hugo is let go the index mostly fits in the memory
// the pages held, so there is seldom a collection at all, and the peak
// stays within the headroom above Hugo's (the limit is soft: an index
// that needed more would get it, collected hard). It returns the undo.
func (s *Site) indexBudget() (undo func()) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	limit := int64(float64(ms.Sys-ms.HeapReleased) * (1 + s.opts.IndexHeadroom))
	was := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(was, limit))
	gc := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(was)
	}
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
// its pages, caches and rendered content are garbage from here on, for
// the index to be made in.
func (s *Site) release() {
	_ = s.h.Close()
	s.h = nil
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
	dirs := map[string]bool{}
	for _, f := range files {
		if d := path.Dir(f.name); !dirs[d] {
			dirs[d] = true
			if err := s.fs.PublishDir.MkdirAll(d, 0o755); err != nil {
				return indexStats{}, err
			}
		}
		st.bytes += len(f.data)
	}
	errs := make([]error, len(files))
	eachIndex(len(files), func(i int) {
		errs[i] = afero.WriteFile(s.fs.PublishDir, files[i].name, files[i].data, 0o644)
	})
	if err := errors.Join(errs...); err != nil {
		return indexStats{}, err
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
// (it is always present, possibly empty). Content as Hugo renders it is
// read by scanSections, a few times faster than the HTML tokenizer; what
// that scanner does not know (comments, raw-text elements, a stray "<")
// goes to the tokenizer, which reads it the same way.
func splitSections(content string) []section {
	if parts, ok := scanSections(content); ok {
		return parts
	}
	var sp splitter
	z := html.NewTokenizer(strings.NewReader(content))
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return sp.done()
		case html.TextToken:
			sp.addText(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := z.Raw()
			a := tagAtom(raw)
			var id, hidden string
			// Attributes are read only where one matters.
			if !sp.skipping() && (a == atom.H2 || a == atom.H3 || containsFold(raw, "aria-hidden")) {
				for more := true; more; {
					var k, v []byte
					k, v, more = z.TagAttr()
					switch string(k) {
					case "id":
						id = string(v)
					case "aria-hidden":
						hidden = string(v)
					}
				}
			}
			sp.start(a, id, hidden == "true", tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			sp.end(tagAtom(z.Raw()))
		}
	}
}

// splitter is splitSections' reading of the content's tokens, whichever
// reader gives them: it keeps a page's text in two buffers.
type splitter struct {
	parts      []section
	text, head []byte
	inHeading  atom.Atom // h2/h3 being read
	skip       int       // depth inside script/style/aria-hidden
	skipTag    []atom.Atom
}

func (sp *splitter) skipping() bool { return sp.skip > 0 }

func (sp *splitter) flush() {
	if sp.parts == nil {
		sp.parts = []section{{}}
	}
	sp.parts[len(sp.parts)-1].text = collapse(sp.text)
	sp.text = sp.text[:0]
}

func (sp *splitter) done() []section {
	sp.flush()
	return sp.parts
}

// addText is a text token, entities decoded.
func (sp *splitter) addText(t string) {
	switch {
	case sp.skip > 0:
	case sp.inHeading != 0:
		sp.head = append(sp.head, t...)
	default:
		sp.text = append(sp.text, t...)
	}
}

// start is a start tag of element a (0 when unknown), with its id and
// whether it is aria-hidden (both read only for an h2/h3, or when the tag
// says aria-hidden).
func (sp *splitter) start(a atom.Atom, id string, hidden, selfClosing bool) {
	if sp.skip > 0 || hidden || skipped(a) {
		if !selfClosing && !void(a) {
			sp.skip++
			sp.skipTag = append(sp.skipTag, a)
		}
		return
	}
	if (a == atom.H2 || a == atom.H3) && id != "" && !selfClosing {
		sp.flush()
		sp.parts = append(sp.parts, section{id: id})
		sp.inHeading = a
		sp.head = sp.head[:0]
		return
	}
	if blockish(a) {
		if sp.inHeading != 0 {
			sp.head = append(sp.head, ' ')
		} else {
			sp.text = utf8.AppendRune(sp.text, separator(a))
		}
	}
}

// end is an end tag of element a.
func (sp *splitter) end(a atom.Atom) {
	if sp.skip > 0 {
		if sp.skipTag[len(sp.skipTag)-1] == a {
			sp.skip--
			sp.skipTag = sp.skipTag[:len(sp.skipTag)-1]
		}
		return
	}
	if sp.inHeading != 0 && a == sp.inHeading {
		sp.parts[len(sp.parts)-1].heading = collapse(sp.head)
		sp.inHeading = 0
		return
	}
	if blockish(a) {
		sp.text = utf8.AppendRune(sp.text, separator(a))
	}
}

// scanSections is splitSections for content as Hugo renders it: text,
// start and end tags, and script, style and noscript elements, read as
// the HTML tokenizer reads them (x/net/html's readTag, attribute by
// attribute, the first of a repeated one counting). Anything else — a
// comment or declaration, another raw-text element, a "<" that starts no
// tag, a carriage return, an id with an entity, a tag cut off by the end
// — and ok is false: the tokenizer reads that page.
func scanSections(c string) (parts []section, ok bool) {
	if strings.IndexByte(c, '\r') >= 0 {
		return nil, false
	}
	var sp splitter
	for i := 0; i < len(c); {
		j := strings.IndexByte(c[i:], '<')
		if j < 0 {
			j = len(c) - i
		}
		if j > 0 {
			sp.addText(html.UnescapeString(c[i : i+j]))
			i += j
			continue
		}
		if i+2 >= len(c) {
			return nil, false
		}
		end := c[i+1] == '/'
		first := c[i+1]
		if end {
			first = c[i+2]
		}
		if !('a' <= first && first <= 'z' || 'A' <= first && first <= 'Z') {
			return nil, false
		}
		t, ok := scanTag(c, i, end)
		if !ok {
			return nil, false
		}
		a := tagAtom(c[i:t.next])
		i = t.next
		if end {
			sp.end(a)
			continue
		}
		sp.start(a, t.id, t.hidden == "true", t.selfClosing)
		switch a {
		case atom.Script, atom.Style, atom.Noscript:
			// Raw text up to the end tag, all of it skipped: jump to the
			// end tag, which the loop then reads.
			if t.selfClosing {
				return nil, false
			}
			k := rawTextEnd(c[i:], a.String())
			if a == atom.Script && strings.Contains(c[i:i+k], "<!--") {
				return nil, false // the tokenizer's script states
			}
			i += k
		case atom.Iframe, atom.Noembed, atom.Noframes, atom.Plaintext, atom.Textarea, atom.Title, atom.Xmp:
			return nil, false
		}
	}
	return sp.done(), true
}

// scannedTag is a tag scanTag read.
type scannedTag struct {
	next        int    // just after its ">"
	id, hidden  string // the first id and aria-hidden values
	selfClosing bool
}

// scanTag reads the tag that starts with the "<" at c[i] (an end tag when
// end), as the HTML tokenizer's readTag does; ok is false when the tag
// runs to the end of c, or an id or aria-hidden value needs decoding.
func scanTag(c string, i int, end bool) (t scannedTag, ok bool) {
	space := func(b byte) bool { return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' }
	p := i + 1
	if end {
		p++
	}
	for p++; ; p++ { // the name's first character is a letter
		if p >= len(c) {
			return t, false
		}
		if b := c[p]; space(b) {
			p++
			break
		} else if b == '/' || b == '>' {
			break
		}
	}
	var saved []string // the attributes' keys, lowercased, as the tokenizer keeps them
	lastValueEnd := -1 // where the last kept attribute's value ends
	for {
		for p < len(c) && space(c[p]) {
			p++
		}
		if p >= len(c) {
			return t, false
		}
		if c[p] == '>' {
			t.next = p + 1
			// A "/" before ">" closes the tag, unless it ends the last
			// attribute's unquoted value (<p a=/>), as the tokenizer reads it.
			t.selfClosing = !end && c[p-1] == '/' && lastValueEnd != p
			return t, true
		}
		// The key: up to white space, "/", ">" or a "=" that is not its
		// first character.
		k := p
		for p++; p < len(c); p++ {
			if b := c[p]; space(b) || b == '/' || b == '>' || b == '=' {
				break
			}
		}
		if c[k] == '/' || c[k] == '>' || space(c[k]) {
			p = k // an empty key
		}
		key := c[k:p]
		// The value.
		v0, v1 := p, p
		for p < len(c) && space(c[p]) {
			p++
		}
		if p >= len(c) {
			return t, false
		}
		switch c[p] {
		case '/':
			p++
		case '=':
			p++
			for p < len(c) && space(c[p]) {
				p++
			}
			if p >= len(c) {
				return t, false
			}
			switch q := c[p]; q {
			case '>':
			case '\'', '"':
				e := strings.IndexByte(c[p+1:], q)
				if e < 0 {
					return t, false
				}
				v0, v1 = p+1, p+1+e
				p = v1 + 1
			default:
				v0 = p
				for p++; p < len(c) && !space(c[p]) && c[p] != '>'; p++ {
				}
				if p >= len(c) {
					return t, false
				}
				v1 = p
				if space(c[p]) {
					p++
				}
			}
		}
		if end || key == "" {
			continue
		}
		lk := asciiLower(key)
		if slices.Contains(saved, lk) {
			continue // a repeated attribute: the first counts
		}
		saved = append(saved, lk)
		lastValueEnd = v1
		switch lk {
		case "id":
			t.id = c[v0:v1]
		case "aria-hidden":
			t.hidden = c[v0:v1]
		default:
			continue
		}
		if strings.ContainsAny(c[v0:v1], "&\x00") {
			return t, false
		}
	}
}

// asciiLower is s with A-Z lowercased, as the tokenizer lowercases names.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// asciiFold reports whether s is the lowercase word w in any case of its
// ASCII letters (as the tokenizer lowercases names: A-Z only).
func asciiFold(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// rawTextEnd is where the raw text at the start of c ends: at the first
// "</name" (in any case) followed by white space, "/" or ">", else at the
// end of c.
func rawTextEnd(c, name string) int {
	for k := 0; ; {
		j := strings.Index(c[k:], "</")
		if j < 0 {
			return len(c)
		}
		k += j
		rest := c[k+2:]
		if len(rest) > len(name) && asciiFold(rest[:len(name)], name) {
			switch rest[len(name)] {
			case ' ', '\n', '\r', '\t', '\f', '/', '>':
				return k
			}
		}
		k += 2
	}
}

// tagAtom is the element of a start or end tag, read from its raw text
// as the tokenizer reads the name (lowercased, up to white space, / or >),
// without the copy TagName makes.
func tagAtom[T string | []byte](raw T) atom.Atom {
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
