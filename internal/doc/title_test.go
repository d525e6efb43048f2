package doc

import (
	"bytes"
	"strings"
	"testing"
)

func TestTitle(t *testing.T) {
	for _, c := range []struct {
		name, src string
		title     string
		heading   int
	}{
		{"front matter", "---\ntitle: Set\n---\n# Heading\n", "Set", -1},
		{"first h1", "intro\n\n## Two\n\n# The *Guide* {#g}\n\n# Other\n", "The Guide", 1},
		{"setext", "Guide\n=====\n\ntext\n", "Guide", 0},
		{"empty title", "+++\ntitle = \"\"\n+++\n# Heading\n", "Heading", 0},
		{"neither", "## Only two\n\ntext\n", "", -1},
		{"h1 in code", "```\n# not a heading\n```\n", "", -1},
	} {
		d, err := Parse(c.name, []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		title, h := d.Title()
		if title != c.title || h != c.heading {
			t.Errorf("%s: Title() = %q, %d; want %q, %d", c.name, title, h, c.title, c.heading)
		}
	}
}

func TestPromoteTitle(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"no front matter", "# Manta Operator Guide\n\ntext\n", "{\"title\":\"Manta Operator Guide\"}\n\ntext\n"},
		{"preamble", "<!-- x -->\n# A \"quoted\" <b>\n", "{\"title\":\"A \\\"quoted\\\"\"}<!-- x -->\n\n"},
		{"bom", "\ufeff# T\nx\n", "\ufeff{\"title\":\"T\"}\nx\n"},
		{"setext", "T\n===\nx\n", "{\"title\":\"T\"}\n\nx\n"},
		{"yaml", "---\nsummary: s\n---\n\n# T\nx\n", "---\ntitle: \"T\"\nsummary: s\n---\n\nx\n"},
		{"toml", "+++\n[params]\na = 1\n+++\n# T\n", "+++\ntitle = \"T\"\n[params]\na = 1\n+++\n"},
		{"empty yaml title", "---\ntitle: \"\"\nsummary: s\n---\n# T\nx\n", "---\ntitle: \"T\"\nsummary: s\n---\n\nx\n"},
		{"empty toml title", "+++\ntitle = '' # later\n+++\n\n# T\n", "+++\ntitle = \"T\"\n+++\n\n\n"},
		{"null title", "---\ntitle: ~\n---\n# T\n", "---\ntitle: \"T\"\n---\n\n"},
		{"has title", "---\ntitle: Set\n---\n# T\n", "---\ntitle: Set\n---\n# T\n"},
		{"no h1", "## Two\n", "## Two\n"},
		{"later h1s stay", "# One\n\n# Two\n", "{\"title\":\"One\"}\n\n# Two\n"},
	} {
		got := string(PromoteTitle(c.name, []byte(c.src)))
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// Promoting a title never moves a line after the heading, and the result
// still parses to the same title.
func FuzzPromoteTitle(f *testing.F) {
	f.Add([]byte("# T\n\ntext {#x}\n"))
	f.Add([]byte("---\na: 1\n---\nT\n===\n"))
	f.Add([]byte("+++\n+++\n\n\n# T\n## U\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		out := PromoteTitle("f.md", src)
		if bytes.Equal(out, src) {
			return
		}
		if a, b := bytes.Count(src, []byte("\n")), bytes.Count(out, []byte("\n")); a != b {
			t.Fatalf("%d lines became %d: %q -> %q", a, b, src, out)
		}
		d, _ := Parse("f.md", src)
		want, _ := d.Title()
		if bytes.HasPrefix(bytes.TrimPrefix(out, []byte("\ufeff")), []byte("{")) {
			return // JSON front matter: doc does not read it
		}
		d2, err := Parse("f.md", out)
		if err != nil {
			t.Fatalf("%q -> %q: %v", src, out, err)
		}
		// JSON writes invalid UTF-8 as U+FFFD, byte by byte.
		valid := func(s string) string { return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\uFFFD", "") }
		if got := strings.TrimSpace(d2.String("title")); valid(got) != valid(want) {
			t.Fatalf("title %q, want %q (%q)", got, want, out)
		}
	})
}

func BenchmarkPromoteTitle(b *testing.B) {
	body := strings.Repeat("## Section\n\nSome words about zones and shards, `code`, [a link](x.md).\n\n", 10)
	for _, c := range []struct{ name, src string }{
		{"titled", "---\ntitle: T\nsummary: s\n---\n" + body},
		{"from heading", "# T\n\n" + body},
	} {
		b.Run(c.name, func(b *testing.B) {
			src := []byte(c.src)
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				PromoteTitle("b.md", src)
			}
		})
	}
}
