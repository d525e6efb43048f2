// Package doc reads the Markdown files irp works with — site pages and
// plaintext scenarios — into front matter and heading sections, keeping line
// numbers so every finding can point at file:line.
//
// Front matter is parsed with the same TOML and YAML libraries Hugo uses, so
// the light irp binary and the site engine read a file the same way.
package doc

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	toml "github.com/pelletier/go-toml/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Format is the syntax of a file's front matter.
type Format string

const (
	None Format = ""
	YAML Format = "yaml" // between --- lines
	TOML Format = "toml" // between +++ lines
)

// Doc is a parsed Markdown file.
type Doc struct {
	Name      string         // file name used in messages
	Format    Format         // front matter syntax, None when absent
	Params    map[string]any // front matter, empty when absent
	FrontLine int            // line of the first front matter field (1-based)
	Body      []byte         // Markdown after the front matter
	BodyLine  int            // line in the file where Body starts (1-based)
	Sections  []Section      // every heading in document order

	root ast.Node // Body parsed by goldmark (CommonMark); see AST
}

// AST is the Markdown body as goldmark's CommonMark parser reads it, parsed
// once by Parse for every reader of the page (sections, links, code
// blocks); nil after ParseFrontMatter. Segments index Body. Walk it; do not
// change it.
func (d *Doc) AST() ast.Node { return d.root }

// Section is a heading and the Markdown under it up to the next heading of
// the same or a higher level.
type Section struct {
	Level int
	Title string // heading text without Markdown markup
	ID    string // anchor as Hugo generates it (GitHub style, deduplicated)
	Line  int    // line of the heading in the file
	Body  []byte // Markdown below the heading
}

// Error is a problem at a place in a file.
type Error struct {
	Name string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Name, e.Msg)
}

// Parse splits src into front matter and sections. name is used in errors.
func Parse(name string, src []byte) (*Doc, error) {
	d := &Doc{Name: name, Params: map[string]any{}, BodyLine: 1}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if err := d.splitFrontMatter(src); err != nil {
		return nil, err
	}
	d.root = Parser().Parse(text.NewReader(d.Body))
	d.Sections = sections(d.root, d.Body, d.BodyLine)
	return d, nil
}

// ParseFrontMatter reads only the front matter of src: Body is set but not
// parsed, so Sections and AST are empty. It is for callers that need a
// field or two and none of the Markdown (irp vault open checks the id).
func ParseFrontMatter(name string, src []byte) (*Doc, error) {
	d := &Doc{Name: name, Params: map[string]any{}, BodyLine: 1}
	if err := d.splitFrontMatter(bytes.TrimPrefix(src, []byte("\ufeff"))); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Doc) splitFrontMatter(src []byte) error {
	var delim string
	switch {
	case hasDelimLine(src, "---"):
		d.Format, delim = YAML, "---"
	case hasDelimLine(src, "+++"):
		d.Format, delim = TOML, "+++"
	default:
		d.Body = src
		return nil
	}
	rest := src[len(delim):]
	rest = rest[bytes.IndexByte(rest, '\n')+1:]
	end, line := -1, 2
	for off := 0; off < len(rest); line++ {
		nl := bytes.IndexByte(rest[off:], '\n')
		lineEnd := len(rest)
		if nl >= 0 {
			lineEnd = off + nl
		}
		if strings.TrimRight(string(rest[off:lineEnd]), " \t\r") == delim {
			end = off
			d.Body = rest[min(lineEnd+1, len(rest)):]
			d.BodyLine = line + 1
			break
		}
		if nl < 0 {
			break
		}
		off = lineEnd + 1
	}
	if end < 0 {
		return &Error{d.Name, 1, fmt.Sprintf("front matter opened with %s is never closed", delim)}
	}
	d.FrontLine = 2
	raw := rest[:end]
	var err error
	if d.Format == YAML {
		err = yaml.Unmarshal(raw, &d.Params)
	} else {
		err = toml.Unmarshal(raw, &d.Params)
	}
	if err != nil {
		return &Error{d.Name, d.FrontLine + errLine(err) - 1, "front matter: " + firstLine(err.Error())}
	}
	if d.Params == nil {
		d.Params = map[string]any{}
	}
	return nil
}

func hasDelimLine(src []byte, delim string) bool {
	if !bytes.HasPrefix(src, []byte(delim)) {
		return false
	}
	rest := strings.TrimLeft(string(src[len(delim):min(len(src), len(delim)+8)]), " \t\r")
	return strings.HasPrefix(rest, "\n")
}

// errLine digs the line number out of a TOML or YAML error, 1 when unknown.
func errLine(err error) int {
	var de *toml.DecodeError
	if e, ok := err.(*toml.DecodeError); ok {
		de = e
		row, _ := de.Position()
		return max(row, 1)
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "[") {
		if i := strings.IndexByte(msg, ':'); i > 1 {
			if n, err := strconv.Atoi(msg[1:i]); err == nil {
				return max(n, 1)
			}
		}
	}
	return 1
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// Parser is goldmark's CommonMark parser, as goldmark.New sets it up, built
// on first use. Only the parser: irp never renders Markdown, and leaving
// goldmark's root package and HTML renderer out keeps their package init
// off every irp command.
var Parser = sync.OnceValue(func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
})

func sections(root ast.Node, body []byte, bodyLine int) []Section {
	type mark struct {
		level  int
		title  string
		line   int
		start  int // offset of the heading line
		bodyAt int // offset just after the heading
	}
	var marks []mark
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		lines := h.Lines()
		if lines.Len() == 0 {
			continue
		}
		seg := lines.At(0)
		start := bytes.LastIndexByte(body[:seg.Start], '\n') + 1
		last := lines.At(lines.Len() - 1)
		after := last.Stop
		if nl := bytes.IndexByte(body[after:], '\n'); nl >= 0 {
			after += nl + 1
		} else {
			after = len(body)
		}
		// A setext heading's underline follows its text.
		if next := nextLine(body, after); isSetextUnderline(body[after:next]) {
			after = next
		}
		marks = append(marks, mark{h.Level, plainText(h, body), bodyLine + bytes.Count(body[:start], []byte("\n")), start, after})
	}
	ids := map[string]bool{}
	out := make([]Section, len(marks))
	for i, m := range marks {
		end := len(body)
		for _, n := range marks[i+1:] {
			if n.level <= m.level {
				end = n.start
				break
			}
		}
		if m.bodyAt > end {
			m.bodyAt = end
		}
		out[i] = Section{Level: m.level, Title: m.title, ID: uniqueID(ids, AnchorID(m.title)), Line: m.line, Body: body[m.bodyAt:end]}
	}
	return out
}

func nextLine(b []byte, off int) int {
	if nl := bytes.IndexByte(b[off:], '\n'); nl >= 0 {
		return off + nl + 1
	}
	return len(b)
}

func isSetextUnderline(line []byte) bool {
	s := strings.TrimSpace(string(line))
	return s != "" && (strings.Trim(s, "=") == "" || strings.Trim(s, "-") == "")
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for s := t.FirstChild(); s != nil; s = s.NextSibling() {
				if tx, ok := s.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// AnchorID returns the id Hugo's default (GitHub-style) heading ids give title.
func AnchorID(title string) string {
	var b strings.Builder
	s := strings.TrimSpace(title)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == '-' || r == ' ':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
		s = s[size:]
	}
	return b.String()
}

func uniqueID(seen map[string]bool, id string) string {
	if id == "" {
		id = "heading"
	}
	cand := id
	for i := 1; seen[cand]; i++ {
		cand = id + "-" + strconv.Itoa(i)
	}
	seen[cand] = true
	return cand
}

// Section returns the first section with the given title (case-insensitive).
func (d *Doc) Section(title string) (Section, bool) {
	for _, s := range d.Sections {
		if strings.EqualFold(s.Title, title) {
			return s, true
		}
	}
	return Section{}, false
}

// String returns the front matter field key as a string, "" when absent or
// not a string.
func (d *Doc) String(key string) string {
	s, _ := d.Params[key].(string)
	return s
}

// Strings returns the front matter field key as a list of strings; ok is
// false when the field is present but not a list of strings.
func (d *Doc) Strings(key string) (list []string, ok bool) {
	v, present := d.Params[key]
	if !present {
		return nil, true
	}
	items, isList := v.([]any)
	if !isList {
		return nil, false
	}
	for _, it := range items {
		s, isStr := it.(string)
		if !isStr {
			return nil, false
		}
		list = append(list, s)
	}
	return list, true
}

// FieldLine is the line of the file (1-based) where the front matter of
// src, whose body starts at bodyLine, sets the top-level field key: a line
// `key = …`, `key: …` (the key may be quoted), or a TOML table header
// `[key]` or `[[key]]`. It is 1, the opening delimiter, when there is none.
func FieldLine(src []byte, bodyLine int, key string) int {
	line := 1
	for rest := src; len(rest) > 0 && line < bodyLine-1; line++ {
		l := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if line > 1 && setsField(l, key) {
			return line
		}
	}
	return 1
}

func setsField(l []byte, key string) bool {
	l = bytes.TrimLeft(l, " \t")
	if t, ok := bytes.CutPrefix(l, []byte("[")); ok {
		t = bytes.TrimPrefix(t, []byte("["))
		t = bytes.TrimLeft(t, " \t")
		t, ok = bytes.CutPrefix(t, []byte(key))
		return ok && bytes.HasPrefix(bytes.TrimLeft(t, " \t"), []byte("]"))
	}
	if len(l) > 0 && (l[0] == '"' || l[0] == '\'') {
		q := l[0]
		t, ok := bytes.CutPrefix(l[1:], []byte(key))
		if !ok || len(t) == 0 || t[0] != q {
			return false
		}
		l = t[1:]
	} else {
		t, ok := bytes.CutPrefix(l, []byte(key))
		if !ok {
			return false
		}
		l = t
	}
	l = bytes.TrimLeft(l, " \t")
	return len(l) > 0 && (l[0] == '=' || l[0] == ':')
}
