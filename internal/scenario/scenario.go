// Package scenario reads the plaintext of a practice scenario: Markdown with
// front matter and a fixed list of sections.
package scenario

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"irp/internal/doc"
	"irp/internal/provenance"
)

// SectionNames are the sections every scenario has, in order.
var SectionNames = []string{"Brief", "Induce", "Verify", "Symptoms", "Hints", "Resolution", "Impact", "Revert", "Abort"}

// Scenario is a parsed plaintext scenario.
type Scenario struct {
	ID, Title, Difficulty, Estimated string
	Components                       []string
	Manta                            []string          // the Manta versions it applies to ("v1", "v2")
	mantaProblem                     string            // why the front matter's manta is not valid, "" when it is
	Sources                          []Source          // the upstream files its facts were checked against
	Revision                         int               // set by the vault from the sealed envelope
	Sections                         map[string]string // section title → Markdown body
	Hints                            []string          // the hint ladder, rung 1 first
	Source                           []byte            // the full plaintext Markdown
}

// Source is one upstream file a scenario's facts come from.
type Source struct {
	Title string `toml:"title"`
	URL   string `toml:"url"`
}

// ValidID reports whether id can name a scenario (and its file): a
// codename of at most 64 bytes, lowercase words and digits joined by single
// dashes, starting with a letter (^[a-z][a-z0-9]*(-[a-z0-9]+)*$).
func ValidID(id string) bool {
	if id == "" || len(id) > 64 || id[0] < 'a' || id[0] > 'z' || id[len(id)-1] == '-' {
		return false
	}
	for i := 1; i < len(id); i++ {
		switch c := id[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// Parse reads a plaintext scenario named name (used in messages). Errors
// name the file and line.
func Parse(name string, src []byte) (*Scenario, error) {
	d, err := doc.Parse(name, src)
	if err != nil {
		return nil, err
	}
	fail := func(line int, format string, args ...any) error {
		return &doc.Error{Name: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	if d.Format == doc.None {
		return nil, fail(1, "scenario has no front matter (id, title, components, difficulty, estimated)")
	}
	s := &Scenario{
		ID:         d.String("id"),
		Title:      d.String("title"),
		Difficulty: d.String("difficulty"),
		Estimated:  fmt.Sprint(d.Params["estimated"]),
		Sections:   map[string]string{},
		Source:     src,
	}
	if d.Params["estimated"] == nil {
		s.Estimated = ""
	}
	for _, key := range []string{"id", "title", "difficulty", "estimated"} {
		if v, ok := d.Params[key]; !ok || fmt.Sprint(v) == "" {
			return nil, fail(d.FrontLine, "front matter: %s is missing", key)
		}
	}
	if !ValidID(s.ID) {
		return nil, fail(d.FrontLine, "front matter: id %q is not a codename (lowercase letters, digits and dashes, like amber-heron)", s.ID)
	}
	comps, ok := d.Strings("components")
	if !ok {
		return nil, fail(d.FrontLine, "front matter: components must be a list of strings")
	}
	s.Components = comps
	s.Manta, s.mantaProblem = provenance.Manta(d.Params["manta"])
	raw, _ := d.Params["sources"].([]any)
	for _, it := range raw {
		m, _ := it.(map[string]any)
		title, _ := m["title"].(string)
		u, _ := m["url"].(string)
		s.Sources = append(s.Sources, Source{title, u})
	}

	top := 0
	for _, sec := range d.Sections {
		if top == 0 || sec.Level < top {
			top = sec.Level
		}
	}
	// Sections are the headings at the shallowest level below an optional
	// single title heading (# Title, then ## Brief ...).
	if top == 1 && countLevel(d.Sections, 1) == 1 && len(d.Sections) > 1 {
		top = 2
	}
	line := map[string]int{}
	for _, sec := range d.Sections {
		if sec.Level != top {
			continue
		}
		canon := CanonicalSection(sec.Title)
		if canon == "" {
			continue
		}
		if _, dup := s.Sections[canon]; dup {
			return nil, fail(sec.Line, "section %q appears twice", canon)
		}
		s.Sections[canon] = strings.TrimSpace(string(sec.Body))
		line[canon] = sec.Line
	}
	var missing []string
	for _, n := range SectionNames {
		if _, ok := s.Sections[n]; !ok {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return nil, fail(d.BodyLine, "missing section(s): %s (every scenario has %s)", strings.Join(missing, ", "), strings.Join(SectionNames, ", "))
	}
	s.Hints = listItems([]byte(s.Sections["Hints"]))
	if len(s.Hints) == 0 {
		return nil, fail(line["Hints"], "section Hints has no list items: write the ladder as a numbered list, rung 1 first")
	}
	return s, nil
}

func countLevel(secs []doc.Section, level int) int {
	n := 0
	for _, s := range secs {
		if s.Level == level {
			n++
		}
	}
	return n
}

// CanonicalSection maps a heading to one of SectionNames, ignoring case, or "".
func CanonicalSection(title string) string {
	for _, n := range SectionNames {
		if strings.EqualFold(strings.TrimSpace(title), n) {
			return n
		}
	}
	return ""
}

// listItems returns the source text of each item of the first list in body.
func listItems(body []byte) []string {
	root := doc.Parser().Parse(text.NewReader(body))
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		list, ok := n.(*ast.List)
		if !ok {
			continue
		}
		var items []string
		for it := list.FirstChild(); it != nil; it = it.NextSibling() {
			start, stop := -1, -1
			_ = ast.Walk(it, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering || c.Type() != ast.TypeBlock {
					return ast.WalkContinue, nil
				}
				if l := c.Lines(); l.Len() > 0 {
					if start < 0 || l.At(0).Start < start {
						start = l.At(0).Start
					}
					stop = max(stop, l.At(l.Len()-1).Stop)
				}
				return ast.WalkContinue, nil
			})
			if start >= 0 {
				items = append(items, dedent(body[start:stop]))
			}
		}
		return items
	}
	return nil
}

// dedent joins an item's lines, dropping the list indentation of
// continuation lines.
func dedent(b []byte) string {
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	for i := range lines {
		lines[i] = bytes.TrimSpace(lines[i])
	}
	return string(bytes.Join(lines, []byte("\n")))
}

// Section returns the body of the section called name (any case).
func (s *Scenario) Section(name string) (string, bool) {
	c := CanonicalSection(name)
	if c == "" {
		return "", false
	}
	body, ok := s.Sections[c]
	return body, ok
}

// Problems returns what s breaks of the pool's rules that a scenario can
// still be read without: it names the Manta versions it applies to, and
// each of its components is a page in content/components/ (components nil
// skips that rule).
func (s *Scenario) Problems(components map[string]bool) []string {
	var out []string
	if s.mantaProblem != "" {
		out = append(out, "front matter: "+s.mantaProblem)
	}
	if len(s.Components) == 0 {
		out = append(out, "front matter: components is empty: list the component pages it touches, the faulted one first")
	}
	for _, src := range s.Sources {
		if msg := provenance.Pinned(src.URL); msg != "" {
			out = append(out, "front matter: sources: "+msg)
		}
	}
	for _, c := range s.Components {
		if components != nil && !components[c] {
			out = append(out, fmt.Sprintf("front matter: component %q has no page in content/components/", c))
		}
	}
	return out
}

// Template returns the plaintext scaffold for a new scenario called id.
func Template(id string) []byte {
	return []byte(fmt.Sprintf(`---
id: %s
title: "A short title that may be shown to responders"
components: [webapi, electric-moray, moray, postgres]   # component pages, the faulted one first
manta: [v1, v2]           # the Manta versions it can be induced on
difficulty: medium        # easy | medium | hard
estimated: 60m
---

## Brief

What the responders are told at the start: the symptom a user would report,
and nothing about the cause.

## Induce

1. Exact, copy-pasteable steps the instigator runs to cause the outage.

## Verify

How the instigators confirm the outage is live (a request that fails, a
metric that moves).

## Symptoms

What responders will see: errors, alarms, latency, which requests fail.

## Hints

1. A pointer to a document, man page or source file to start from.
2. A question that narrows the search.
3. A stronger question, still not the answer.

## Resolution

The cause, how to find it, and the fix.

## Impact

What share of requests is expected to fail, and which operations.

## Revert

How to undo the induced fault completely.

## Abort

How to end the exercise early and restore service quickly.
`, id))
}

// RetiredPage renders s as a site page for content/scenarios/: TOML front
// matter (title, id, components, difficulty, estimated, revision, date,
// retired = true) and the scenario's sections.
func RetiredPage(s *Scenario, when time.Time) ([]byte, error) {
	d, err := doc.Parse(s.ID+".md", s.Source)
	if err != nil {
		return nil, err
	}
	fm := map[string]any{
		"title":      s.Title,
		"id":         s.ID,
		"components": s.Components,
		"manta":      s.Manta,
		"sources":    s.Sources,
		"difficulty": s.Difficulty,
		"estimated":  s.Estimated,
		"revision":   s.Revision,
		"date":       when.UTC().Format(time.RFC3339),
		"retired":    true,
		"summary":    firstParagraph(s.Sections["Brief"]),
	}
	b, err := toml.Marshal(fm)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteString("+++\n")
	out.Write(b)
	out.WriteString("+++\n\n")
	out.Write(bytes.TrimLeft(d.Body, "\n"))
	return out.Bytes(), nil
}

func firstParagraph(md string) string {
	p, _, _ := strings.Cut(strings.TrimSpace(md), "\n\n")
	return strings.Join(strings.Fields(p), " ")
}
