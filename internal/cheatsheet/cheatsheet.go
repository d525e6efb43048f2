// Package cheatsheet holds the schema of a tool cheat-sheet
// (content/tools/NAME.md): it checks a page against it and scaffolds a new
// one for `irp new tool`.
package cheatsheet

import (
	"bytes"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"

	"irp/internal/doc"
	"irp/internal/provenance"
)

// The body sections every cheat-sheet has, as level-2 headings.
const (
	SectionWhen     = "When to reach for it"
	SectionExamples = "Examples"
	SectionReading  = "Reading the output"
	SectionPitfalls = "Pitfalls"
)

// Sections are the required level-2 headings, in the order a page has them.
var Sections = []string{SectionWhen, SectionExamples, SectionReading, SectionPitfalls}

// Limits of the schema.
const (
	MinExamples    = 3
	MaxExamples    = 10
	maxSymptom     = 80  // characters in one symptom phrase
	maxDescription = 200 // characters in an example's description
)

// Todo marks the places a scaffold leaves for the author; a page that still
// has one is not finished.
const Todo = "TODO"

// Problem is one way a page breaks the schema, at a line of its file.
type Problem struct {
	Line int
	Msg  string
}

// Site is what the schema needs to know about the rest of the content.
type Site struct {
	// Components are the names of the pages in content/components/; nil
	// or empty skips the check that a cheat-sheet's components exist.
	Components map[string]bool
	// Tools are the names of the cheat-sheets, for the related field.
	Tools map[string]bool
}

// Check returns every way the parsed page d, read from src, breaks the
// cheat-sheet schema.
func Check(d *doc.Doc, src []byte, site Site) []Problem {
	c := &checker{d: d, src: src, site: site}
	c.frontMatter()
	c.sections()
	c.codeBlocks()
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Line < c.out[j].Line })
	return c.out
}

type checker struct {
	d    *doc.Doc
	src  []byte
	site Site
	out  []Problem
}

func (c *checker) add(line int, format string, args ...any) {
	c.out = append(c.out, Problem{line, fmt.Sprintf(format, args...)})
}

// fieldLine is the line of front matter field key, or 1 (the opening
// delimiter) when the field is absent.
func (c *checker) fieldLine(key string) int { return doc.FieldLine(c.src, c.d.BodyLine, key) }

func (c *checker) frontMatter() {
	c.text("title", false)
	if s, ok := c.text("summary", true); ok && strings.ContainsAny(strings.TrimSpace(s), "\r\n") {
		c.add(c.fieldLine("summary"), "summary must be one line")
	}
	c.text("platform", true)
	c.components()
	c.sources()
	c.related()
	c.symptoms()
	c.manta()
}

// manta checks the Manta versions the page applies to.
func (c *checker) manta() {
	if _, msg := provenance.Manta(c.d.Params["manta"]); msg != "" {
		c.add(c.fieldLine("manta"), "%s", msg)
	}
}

// text checks a required string field and returns its value.
func (c *checker) text(key string, todo bool) (string, bool) {
	v, present := c.d.Params[key]
	line := c.fieldLine(key)
	s, isString := v.(string)
	switch {
	case !present:
		c.add(line, "%s is missing", key)
	case !isString:
		c.add(line, "%s must be a string", key)
	case strings.TrimSpace(s) == "":
		c.add(line, "%s is empty", key)
	case todo && strings.Contains(s, Todo):
		c.add(line, "%s is a TODO", key)
	default:
		return s, true
	}
	return "", false
}

// list checks a list-of-strings field; required makes absent or empty a
// problem. ok is false when a problem was reported.
func (c *checker) list(key string, required bool) (items []string, ok bool) {
	v, present := c.d.Params[key]
	line := c.fieldLine(key)
	if !present {
		if required {
			c.add(line, "%s is missing", key)
			return nil, false
		}
		return nil, true
	}
	raw, isList := v.([]any)
	if !isList {
		c.add(line, "%s must be a list", key)
		return nil, false
	}
	for _, it := range raw {
		s, isString := it.(string)
		if !isString || strings.TrimSpace(s) == "" {
			c.add(line, "%s must be a list of non-empty strings", key)
			return nil, false
		}
		if strings.Contains(s, Todo) {
			c.add(line, "%s is a TODO", key)
			return nil, false
		}
		items = append(items, s)
	}
	if required && len(items) == 0 {
		c.add(line, "%s is empty", key)
		return nil, false
	}
	return items, true
}

func (c *checker) components() {
	items, ok := c.list("components", true)
	if !ok || len(c.site.Components) == 0 {
		return
	}
	for _, name := range items {
		if name != "any" && !c.site.Components[name] {
			c.add(c.fieldLine("components"), "components: %q is not \"any\" or a page in content/components/", name)
		}
	}
}

func (c *checker) related() {
	items, ok := c.list("related", false)
	if !ok {
		return
	}
	for _, name := range items {
		if !c.site.Tools[name] {
			c.add(c.fieldLine("related"), "related: %q has no cheat-sheet (content/tools/%s.md)", name, name)
		}
	}
}

func (c *checker) symptoms() {
	items, ok := c.list("symptoms", true)
	if !ok {
		return
	}
	for _, s := range items {
		if n := len([]rune(s)); n > maxSymptom || strings.ContainsAny(s, "\r\n") {
			c.add(c.fieldLine("symptoms"), "symptoms: %q is long (%d characters); use the few words a responder would type", s, n)
		}
	}
}

func (c *checker) sources() {
	line := c.fieldLine("sources")
	const none = "no sources: list the upstream man page, README or guide the facts came from, as {title, url}"
	v, present := c.d.Params["sources"]
	if !present {
		c.add(line, "%s", none)
		return
	}
	raw, isList := v.([]any)
	if !isList {
		c.add(line, "sources must be a list of {title, url}")
		return
	}
	if len(raw) == 0 {
		c.add(line, "%s", none)
		return
	}
	for i, it := range raw {
		m, isMap := it.(map[string]any)
		if !isMap {
			c.add(line, "sources: entry %d must be {title, url}", i+1)
			continue
		}
		title, _ := m["title"].(string)
		u, _ := m["url"].(string)
		if strings.Contains(title, Todo) || strings.Contains(u, Todo) {
			c.add(line, "sources is a TODO")
			return
		}
		if strings.TrimSpace(title) == "" {
			c.add(line, "sources: entry %d has no title", i+1)
		}
		if pu, err := url.Parse(u); u == "" {
			c.add(line, "sources: entry %d has no url", i+1)
		} else if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			c.add(line, "sources: entry %d: url %q is not an http(s) link", i+1, u)
		}
	}
}

func (c *checker) sections() {
	seen := map[string]int{}
	for _, s := range c.d.Sections {
		for _, want := range Sections {
			if !strings.EqualFold(s.Title, want) {
				continue
			}
			switch {
			case s.Level != 2 || s.Title != want:
				c.add(s.Line, "section %q must be the level-2 heading \"## %s\"", s.Title, want)
			case seen[want] != 0:
				c.add(s.Line, "section %q appears twice (also line %d)", want, seen[want])
			default:
				seen[want] = s.Line
				c.sectionBody(s)
			}
		}
	}
	for _, want := range Sections {
		if seen[want] == 0 {
			c.add(c.d.BodyLine, "missing section \"## %s\"", want)
		}
	}
}

func (c *checker) sectionBody(s doc.Section) {
	if s.Title == SectionExamples {
		return // examples are counted in codeBlocks
	}
	switch body := string(s.Body); {
	case strings.TrimSpace(body) == "":
		c.add(s.Line, "%s is empty", s.Title)
	case strings.Contains(body, Todo):
		c.add(s.Line, "%s is a TODO", s.Title)
	}
}

// codeBlocks counts the examples and checks that every command which
// changes the system is marked invasive.
func (c *checker) codeBlocks() {
	body := c.d.Body
	root := c.d.AST()
	lineAt := func(off int) int { return c.d.BodyLine + bytes.Count(body[:off], []byte("\n")) }

	var (
		inExamples, haveExam, examplesTodo bool
		examplesLine, n                    int
	)
	for b := root.FirstChild(); b != nil; b = b.NextSibling() {
		if h, ok := b.(*ast.Heading); ok && h.Level <= 2 {
			inExamples = h.Level == 2 && !haveExam && headingText(h, body) == SectionExamples
			if inExamples {
				haveExam = true
				examplesLine = lineAt(h.Lines().At(0).Start)
			}
			continue
		}
		if inExamples && bytes.Contains(blockText(b, body), []byte(Todo)) {
			examplesTodo = true
		}
		fb, ok := b.(*ast.FencedCodeBlock)
		if !ok {
			continue
		}
		lang, attrs := info(fb, body)
		example := inExamples && !plainText[lang]
		if example {
			n++
			c.description(fb, body, lineAt)
		}
		if (example || shells[lang]) && !attrs["invasive"] {
			for _, cmd := range commands(fb, body, lang) {
				if hit := Invasive(cmd.text); hit != "" {
					c.add(lineAt(cmd.off), "command %q changes the system (%s): mark its code block {invasive=true}", shorten(cmd.text, 60), hit)
				}
			}
		}
	}
	if !haveExam {
		return // reported as a missing section
	}
	switch {
	case n < MinExamples:
		c.add(examplesLine, "%s: %d of at least %d examples", SectionExamples, n, MinExamples)
	case n > MaxExamples:
		c.add(examplesLine, "%s: %d examples, at most %d", SectionExamples, n, MaxExamples)
	case examplesTodo:
		c.add(examplesLine, "%s is a TODO", SectionExamples)
	}
}

// description checks the one-line description before an example.
func (c *checker) description(fb *ast.FencedCodeBlock, body []byte, lineAt func(int) int) {
	line := lineAt(fenceStart(fb, body))
	p, ok := fb.PreviousSibling().(*ast.Paragraph)
	if !ok {
		c.add(line, "%s: the example has no one-line description before it", SectionExamples)
		return
	}
	desc := strings.Join(strings.Fields(string(blockText(p, body))), " ")
	if n := len([]rune(desc)); n > maxDescription {
		c.add(lineAt(p.Lines().At(0).Start), "%s: the description is %d characters; say it in one line (at most %d)", SectionExamples, n, maxDescription)
	}
}

// plainText are code block languages that show output, not commands.
var plainText = map[string]bool{"text": true, "txt": true, "output": true, "plain": true, "plaintext": true, "none": true}

// shells are the languages whose blocks are checked for invasive commands
// outside the Examples section too.
var shells = map[string]bool{"sh": true, "bash": true, "shell": true, "console": true, "ksh": true, "zsh": true}

// info returns a fenced code block's language and its {key=value}
// attributes (as Hugo reads them from the info string), keeping only the
// ones that are on: any value but false, no or 0, like the theme.
func info(fb *ast.FencedCodeBlock, body []byte) (lang string, attrs map[string]bool) {
	attrs = map[string]bool{}
	if fb.Info == nil {
		return "", attrs
	}
	s := string(fb.Info.Segment.Value(body))
	if i := strings.IndexByte(s, '{'); i >= 0 {
		a := strings.TrimSuffix(strings.TrimSpace(s[i+1:]), "}")
		for _, f := range strings.FieldsFunc(a, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
			k, v, hasV := strings.Cut(f, "=")
			switch strings.ToLower(strings.Trim(v, `"'`)) {
			case "false", "no", "0", "":
				// off, as the theme's code block hook reads it
			default:
				attrs[k] = hasV
			}
		}
		s = s[:i]
	}
	return strings.ToLower(strings.TrimSpace(s)), attrs
}

type command struct {
	text string
	off  int // offset in the body of its first line
}

// commands returns the command lines of a code block, continuation lines
// joined, prompts removed. In a console block only prompted lines are
// commands; the rest is output.
func commands(fb *ast.FencedCodeBlock, body []byte, lang string) []command {
	var (
		out  []command
		cur  strings.Builder
		from = -1
	)
	lines := fb.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		l := strings.TrimRight(string(seg.Value(body)), "\r\n")
		if from < 0 {
			trimmed := strings.TrimLeft(l, " \t")
			switch {
			case strings.HasPrefix(trimmed, "$ "):
				l = trimmed[2:]
			case lang == "console" && strings.HasPrefix(trimmed, "# "):
				l = trimmed[2:]
			case lang == "console":
				continue
			}
			from = seg.Start
		}
		if strings.HasSuffix(l, `\`) {
			cur.WriteString(strings.TrimSuffix(l, `\`))
			cur.WriteByte(' ')
			continue
		}
		cur.WriteString(l)
		if t := strings.TrimSpace(cur.String()); t != "" {
			out = append(out, command{t, from})
		}
		cur.Reset()
		from = -1
	}
	if t := strings.TrimSpace(cur.String()); t != "" {
		out = append(out, command{t, from})
	}
	return out
}

// fenceStart is the offset of a fenced code block's opening fence.
func fenceStart(fb *ast.FencedCodeBlock, body []byte) int {
	var off int
	switch {
	case fb.Info != nil:
		off = fb.Info.Segment.Start
	case fb.Lines().Len() > 0:
		off = fb.Lines().At(0).Start
		off = bytes.LastIndexByte(body[:max(off-1, 0)], '\n') + 1
	default:
		return 0
	}
	return bytes.LastIndexByte(body[:off], '\n') + 1
}

func blockText(n ast.Node, body []byte) []byte {
	var b []byte
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b = append(b, seg.Value(body)...)
	}
	if n.Type() == ast.TypeBlock && lines.Len() == 0 {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			b = append(b, blockText(ch, body)...)
		}
	}
	return b
}

func headingText(h *ast.Heading, body []byte) string {
	return strings.TrimSpace(string(blockText(h, body)))
}

// shorten cuts s to at most n runes, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
