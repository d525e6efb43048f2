package scenario

import (
	"strings"
	"testing"
	"time"

	"irp/internal/doc"
)

func TestTemplateParses(t *testing.T) {
	s, err := Parse("amber-heron.md", Template("amber-heron"))
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "amber-heron" || s.Difficulty != "medium" || s.Estimated != "60m" || len(s.Components) != 4 {
		t.Errorf("front matter: %+v", s)
	}
	for _, n := range SectionNames {
		if strings.TrimSpace(s.Sections[n]) == "" {
			t.Errorf("section %s is empty", n)
		}
	}
	if len(s.Hints) != 3 || !strings.HasPrefix(s.Hints[0], "A pointer") || !strings.HasPrefix(s.Hints[2], "A stronger") {
		t.Errorf("hints = %q", s.Hints)
	}
}

func TestHintsLadderKeepsMultilineItems(t *testing.T) {
	src := strings.Replace(string(Template("x")), "1. A pointer to a document, man page or source file to start from.\n",
		"1. Read `manta-adm show`\n   and the operator guide.\n\n   Then look again.\n", 1)
	s, err := Parse("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if s.Hints[0] != "Read `manta-adm show`\nand the operator guide.\n\nThen look again." {
		t.Errorf("rung 1 = %q", s.Hints[0])
	}
	if b, ok := s.Section("hints"); !ok || !strings.Contains(b, "manta-adm") {
		t.Errorf("Section(hints) = %q %v", b, ok)
	}
}

func TestParseErrors(t *testing.T) {
	tpl := string(Template("amber-heron"))
	tests := []struct{ name, src, want string }{
		{"no front matter", "## Brief\n", "s.md:1: scenario has no front matter"},
		{"missing id", strings.Replace(tpl, "id: amber-heron\n", "", 1), "s.md:2: front matter: id is missing"},
		{"bad id", strings.Replace(tpl, "id: amber-heron", "id: Amber Heron", 1), "is not a codename"},
		{"components", strings.Replace(tpl, "components: [webapi, electric-moray, moray, postgres]", "components: 3", 1), "components must be a list"},
		{"missing section", strings.Replace(tpl, "## Revert", "## Undo", 1), "missing section(s): Revert"},
		{"duplicate", tpl + "\n## Brief\n\nagain\n", "section \"Brief\" appears twice"},
		{"no ladder", strings.Replace(tpl, "1. A pointer", "A pointer", 1), "s.md:28: section Hints has no list items"},
		{"bad yaml", strings.Replace(tpl, "title: \"A short", "title: [\"A short", 1), "s.md:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("s.md", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			if _, ok := err.(*doc.Error); !ok {
				t.Errorf("error type %T, want *doc.Error (file:line)", err)
			}
		})
	}
}

func TestRetiredPage(t *testing.T) {
	s, err := Parse("a.md", Template("amber-heron"))
	if err != nil {
		t.Fatal(err)
	}
	s.Revision = 4
	page, err := RetiredPage(s, time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	d, err := doc.Parse("page.md", page)
	if err != nil {
		t.Fatal(err)
	}
	if d.String("title") != s.Title || d.Params["retired"] != true || d.String("id") != "amber-heron" {
		t.Errorf("front matter %v", d.Params)
	}
	if _, ok := d.Section("Resolution"); !ok {
		t.Error("page lacks the Resolution section")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(Template("amber-heron"))
	f.Add([]byte("+++\nid = \"a\"\ntitle = \"t\"\ndifficulty = \"easy\"\nestimated = \"1h\"\n+++\n# T\n## Brief\n## Hints\n- a\n"))
	f.Add([]byte("---\nid: a\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("f.md", src)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.md") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if !ValidID(s.ID) || len(s.Hints) == 0 {
			t.Fatalf("accepted %+v", s)
		}
		for _, n := range SectionNames {
			if _, ok := s.Sections[n]; !ok {
				t.Fatalf("accepted without %s", n)
			}
		}
		// Whatever was accepted retires into a page with valid front matter.
		page, err := RetiredPage(s, time.Unix(0, 0))
		if err != nil {
			t.Fatalf("retired page: %v", err)
		}
		d, err := doc.Parse("page.md", page)
		if err != nil {
			t.Fatalf("retired page does not parse: %v\n%s", err, page)
		}
		if d.String("title") != s.Title || d.String("id") != s.ID || d.Params["retired"] != true {
			t.Fatalf("retired page front matter %v", d.Params)
		}
	})
}

func TestProblems(t *testing.T) {
	pages := map[string]bool{"webapi": true, "electric-moray": true, "moray": true, "postgres": true}
	s, err := Parse("s.md", Template("pale-finch"))
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Problems(pages); len(p) != 0 {
		t.Errorf("template: problems %q, want none", p)
	}
	if got := strings.Join(s.Manta, ","); got != "v1,v2" {
		t.Errorf("template manta = %q", got)
	}
	noManta, err := Parse("s.md", []byte(strings.Replace(string(Template("pale-finch")), "manta: [v1, v2]", "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if p := strings.Join(noManta.Problems(pages), "\n"); !strings.Contains(p, "manta is missing") {
		t.Errorf("no manta: problems %q", p)
	}
	if p := strings.Join(s.Problems(map[string]bool{"webapi": true}), "\n"); !strings.Contains(p, `component "moray" has no page`) {
		t.Errorf("unknown component: problems %q", p)
	}
	withSources, err := Parse("s.md", []byte(strings.Replace(string(Template("pale-finch")), "manta: [v1, v2]",
		"manta: [v1, v2]\nsources:\n  - {title: t, url: \"https://github.com/o/r/blob/main/x.js\"}\n  - {title: u, url: \"https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/x.js\"}", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if p := withSources.Problems(pages); len(p) != 1 || !strings.Contains(p[0], "blob/main/x.js is not pinned") {
		t.Errorf("sources: problems %q, want the unpinned one", p)
	}
	page, err := RetiredPage(withSources, time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "manta = ['v1', 'v2']") || !strings.Contains(string(page), "0123456789abcdef0123456789abcdef01234567/x.js") {
		t.Errorf("retired page lost manta or sources:\n%s", page)
	}
}
