package doc

import (
	"errors"
	"strings"
	"testing"
)

func TestParseYAMLAndSections(t *testing.T) {
	src := "---\ntitle: svcs\ncomponents: [muskie, moray]\n---\n# svcs\n\nintro\n\n## When to reach for it\n\ntext\n\n```sh\n# not a heading\n```\n\n## Examples\n\n### One\n\nx\n\n## Examples\n"
	d, err := Parse("tools/svcs.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != YAML || d.String("title") != "svcs" || d.BodyLine != 5 {
		t.Fatalf("front matter: format %q title %q bodyLine %d", d.Format, d.String("title"), d.BodyLine)
	}
	comps, ok := d.Strings("components")
	if !ok || strings.Join(comps, ",") != "muskie,moray" {
		t.Fatalf("components = %v %v", comps, ok)
	}
	byLine := map[int]Section{}
	for _, s := range d.Sections {
		byLine[s.Line] = s
	}
	if s := byLine[9]; s.Title != "When to reach for it" || !strings.Contains(string(s.Body), "# not a heading") {
		t.Errorf("section at 9 = %+v", s)
	}
	if len(d.Sections) != 5 {
		t.Fatalf("sections = %+v", d.Sections)
	}
	if d.Sections[4].ID != "examples-1" {
		t.Errorf("duplicate id = %q", d.Sections[4].ID)
	}
	if s, ok := d.Section("examples"); !ok || !strings.Contains(string(s.Body), "### One") {
		t.Errorf("Examples section should contain its subsection: %q", s.Body)
	}
}

func TestParseTOML(t *testing.T) {
	d, err := Parse("a.md", []byte("+++\ntitle = \"A\"\n+++\nbody\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != TOML || d.String("title") != "A" || string(d.Body) != "body\n" || d.BodyLine != 4 {
		t.Fatalf("%+v", d)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"---\ntitle: x\n", "a.md:1: front matter opened with --- is never closed"},
		{"+++\ntitle = \"x\"\nbad = \n+++\n", "a.md:3: front matter"},
		{"---\ntitle: x\nlist: [unclosed\n---\n", "a.md:"},
	}
	for _, tt := range tests {
		_, err := Parse("a.md", []byte(tt.src))
		var de *Error
		if !errors.As(err, &de) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v, want prefix %q", tt.src, err, tt.want)
		}
	}
}

func TestAnchorID(t *testing.T) {
	for in, want := range map[string]string{
		"When to reach for it":  "when-to-reach-for-it",
		"manta-adm show -s":     "manta-adm-show--s",
		"Reading the output!":   "reading-the-output",
		"prstat -mLc (threads)": "prstat--mlc-threads",
		"snake_case":            "snake_case",
	} {
		if got := AnchorID(in); got != want {
			t.Errorf("AnchorID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNoFrontMatter(t *testing.T) {
	d, err := Parse("b.md", []byte("Title\n=====\n\ntext\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sections) != 1 || d.Sections[0].Title != "Title" || strings.TrimSpace(string(d.Sections[0].Body)) != "text" {
		t.Fatalf("%+v", d.Sections)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("---\ntitle: x\n---\n# A\n## B\ntext"))
	f.Add([]byte("+++\ntitle = 'x'\n+++\nA\n===\n"))
	f.Add([]byte("---\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("f.md", src)
		if err != nil {
			var de *Error
			if !errors.As(err, &de) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, s := range d.Sections {
			if s.Line < d.BodyLine {
				t.Fatalf("section line %d before body line %d", s.Line, d.BodyLine)
			}
		}
		if l := FieldLine(src, d.BodyLine, "title"); l < 1 || l > max(1, d.BodyLine-2) {
			t.Fatalf("title on line %d, body on line %d", l, d.BodyLine)
		}
	})
}

func TestFieldLine(t *testing.T) {
	toml := "+++\ntitle = \"x\"\n'summary' = \"y\"\n  platform=\"z\"\n[[sources]]\ntitle = \"s\"\n[ params ]\n+++\nbody\n"
	yaml := "---\ntitle: x\n\"related\": [a]\nsummary:   y\n---\nsummary: not front matter\n"
	cases := []struct {
		src, key string
		want     int
	}{
		{toml, "title", 2},
		{toml, "summary", 3},
		{toml, "platform", 4},
		{toml, "sources", 5},
		{toml, "params", 7},
		{toml, "related", 1},
		{toml, "titl", 1},
		{yaml, "related", 3},
		{yaml, "summary", 4},
		{yaml, "body", 1},
	}
	for _, c := range cases {
		d, err := Parse("x.md", []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := FieldLine([]byte(c.src), d.BodyLine, c.key); got != c.want {
			t.Errorf("FieldLine(%q) = %d, want %d", c.key, got, c.want)
		}
	}
}
