package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"irp/internal/cheatsheet"
	"irp/internal/project"
)

const fence = "```"

// tool is a cheat-sheet that meets the schema.
func tool(name string, extra string) string {
	return `---
title: "` + name + `"
summary: "One line."
platform: "SmartOS"
components: ["any"]
manta: ["v1", "v2"]
sources:
  - title: "man page"
    url: "https://illumos.org/man/1/svcs"
symptoms: ["service down"]
---

## When to reach for it

When it is down.

## Examples

One.

` + fence + `sh
svcs
` + fence + `

Two.

` + fence + `sh
svcs -x
` + fence + `

Three.

` + fence + `sh
svcs -p x
` + fence + `

## Reading the output

Columns.

## Pitfalls

Few.
` + extra
}

func TestCheckPages(t *testing.T) {
	tests := []struct {
		name  string
		pages map[string]string
		want  []string
	}{
		{"clean tree", map[string]string{
			"_index.md":              "---\ntitle: Home\n---\nSee [the tools](tools/) and [svcs](/tools/svcs.md#examples).\n",
			"tools/_index.md":        "---\ntitle: Tools\n---\n",
			"tools/svcs.md":          tool("svcs", "\nSee [where to look](../guide/where-to-look.md#cpu).\n"),
			"guide/where-to-look.md": "+++\ntitle = \"Where to look\"\n+++\n## CPU\n\n[svcs](../tools/svcs.md), [self](#cpu), [web](https://example.com/x.md), [mail](mailto:a@b.c).\n",
		}, nil},
		{"missing page", map[string]string{
			"a.md": "---\ntitle: A\n---\n\nText\nand [b](b.md) here.\n",
		}, []string{`content/a.md:6: link "b.md": no such page in content/ (not copied? link its upstream permalink, https://github.com/OWNER/REPO/blob/<commit>/PATH)`}},
		{"missing page from the root", map[string]string{
			"guide/a.md": "---\ntitle: A\n---\n[x](/guide/nope.md)\n",
		}, []string{`content/guide/a.md:4: link "/guide/nope.md": no such page in content/`}},
		{"relative to the file's directory", map[string]string{
			"guide/a.md": "---\ntitle: A\n---\n[x](b.md) [y](../guide/b.md) [z](./b.md) [w](b)\n",
			"guide/b.md": "---\ntitle: B\n---\n",
			"b.md":       "---\ntitle: C\n---\n[x](guide/a.md)\n",
		}, nil},
		{"directory links need an index", map[string]string{
			"a.md":                "---\ntitle: A\n---\n[ok](tools/) [ok](bundle) [bad](empty/sub/) [ok](empty) [ok](/) [bad](/#x)\n",
			"tools/_index.md":     "---\ntitle: Tools\n---\n",
			"bundle/index.md":     "---\ntitle: Bundle\n---\n",
			"empty/sub/readme.md": "---\ntitle: Readme\n---\n",
		}, []string{
			`content/a.md:4: link "/#x": no heading with id "x" on a page without a file`,
			`content/a.md:4: link "empty/sub/": no such page in content/ (not copied? link its upstream permalink, https://github.com/OWNER/REPO/blob/<commit>/PATH)`,
		}},
		{"outside content", map[string]string{
			"a.md": "---\ntitle: A\n---\n[x](../README.md)\n",
		}, []string{`content/a.md:4: link "../README.md": no such page in content/ (not copied? link its upstream permalink, https://github.com/OWNER/REPO/blob/<commit>/PATH)`}},
		{"missing anchor", map[string]string{
			"a.md": "---\ntitle: A\n---\n## Real heading\n\n[x](b.md#nope) [y](#nope) [z](#real-heading)\n",
			"b.md": "---\ntitle: B\n---\n## Other\n",
		}, []string{
			`content/a.md:6: link "#nope": no heading with id "nope" on this page`,
			`content/a.md:6: link "b.md#nope": content/b.md has no heading with id "nope"`,
		}},
		{"custom heading ids", map[string]string{
			"a.md": "---\ntitle: A\n---\n## Long title {#short}\n\n## Tidy {.wide}\n\n[x](#short) [y](#tidy) [z](#long-title-short)\n",
		}, []string{`content/a.md:8: link "#long-title-short": no heading with id "long-title-short" on this page`}},
		{"duplicate heading ids are numbered", map[string]string{
			"a.md": "---\ntitle: A\n---\n## Notes\n\n## Notes\n\n[x](#notes-1) [y](#notes-2)\n",
		}, []string{`content/a.md:8: link "#notes-2": no heading with id "notes-2" on this page`}},
		{"links in code are not links", map[string]string{
			"a.md": "---\ntitle: A\n---\n`[x](nope.md)`\n\n" + fence + "\n[x](nope.md)\n" + fence + "\n\n    [x](nope.md)\n",
		}, nil},
		{"other files are left alone", map[string]string{
			"a.md": "---\ntitle: A\n---\n[svg](impact.svg) ![img](x.png)\n",
		}, nil},
		{"reference links", map[string]string{
			"a.md": "---\ntitle: A\n---\nSee [b][ref].\n\n[ref]: nope.md\n",
		}, []string{`content/a.md:6: link "nope.md": no such page in content/ (not copied? link its upstream permalink, https://github.com/OWNER/REPO/blob/<commit>/PATH)`}},
		{"link without text", map[string]string{
			"a.md": "---\ntitle: A\n---\nText.\n\n[](nope.md)\n",
		}, []string{`content/a.md:6: link "nope.md": no such page in content/ (not copied? link its upstream permalink, https://github.com/OWNER/REPO/blob/<commit>/PATH)`}},
		{"anchor on a page with broken front matter is not checked twice", map[string]string{
			"a.md": "---\ntitle: A\n---\n[x](b.md#z)\n",
			"b.md": "---\ntitle: [\n---\n",
		}, []string{`content/b.md:2: front matter: ` + frontMatterErr(t, "title: [\n")}},
		{"unclosed front matter", map[string]string{
			"a.md": "+++\ntitle = \"A\"\n",
		}, []string{`content/a.md:1: front matter opened with +++ is never closed`}},
		{"duplicate titles", map[string]string{
			"a.md":        "---\nsummary: x\ntitle: Same\n---\n",
			"b/c.md":      "+++\ntitle = \"same\"\n+++\n",
			"d.md":        "---\ntitle: Other\n---\n",
			"e/_index.md": "---\ntitle: \"  Same \"\n---\n",
		}, []string{
			`content/a.md:3: title "Same" is also used by content/b/c.md, content/e/_index.md`,
			`content/b/c.md:2: title "same" is also used by content/a.md, content/e/_index.md`,
			`content/e/_index.md:2: title "Same" is also used by content/a.md, content/b/c.md`,
		}},
		{"a page without a title takes its first level-1 heading", map[string]string{
			"og/_index.md":      "*(Up.)*\n\n# Operator Guide\n\nSee [maintenance](maintenance.md#upgrades).\n",
			"og/maintenance.md": "# Maintenance\n\n## Contents\n\n# Upgrades\n",
			"og/none.md":        "Just text.\n\n## A section\n",
			"og/empty.md":       "---\ntitle: \"\"\nsummary: s\n---\n## Two\n",
			"og/dup.md":         "# Maintenance\n",
			"bundle/index.md":   "---\ntitle: B\n---\n",
			"bundle/notes.md":   "Notes, a page resource.\n",
		}, []string{
			`content/og/dup.md:1: title "Maintenance" is also used by content/og/maintenance.md`,
			`content/og/empty.md:2: no title: set title in the front matter, or start the page with a "# " heading`,
			`content/og/maintenance.md:1: title "Maintenance" is also used by content/og/dup.md`,
			`content/og/none.md:1: no title: set title in the front matter, or start the page with a "# " heading`,
		}},
		{"the title heading is no anchor; raw HTML anchors are", map[string]string{
			"a.md": "# Steps\n\n<a name=\"cleanup\" />\n\n## Steps\n\n<p id='p1'>x</p>\n\n[a](#steps) [b](#steps-1) [c](#cleanup) [d](#p1) [e](#nope)\n",
		}, []string{
			`content/a.md:9: link "#nope": no heading with id "nope" on this page`,
			`content/a.md:9: link "#steps-1": no heading with id "steps-1" on this page`,
		}},
		{"raw HTML loads nothing from the network and runs nothing", map[string]string{
			"a.md": "# A\n\n[![build](https://ci.example.com/badge.svg)](https://ci.example.com)\n\n<img src=\"https://img.example.com/x.png\" alt=\"x\">\n<img src=\"/img/local.png\"> <a href=\"https://example.com\">ok</a>\n\n<iframe src=\"dash.html\"></iframe>\n",
		}, []string{
			`content/a.md:5: raw HTML loads https://img.example.com/x.png from the network; the site makes no external requests: save it under static/ and point at it there, or link to it`,
			`content/a.md:8: raw HTML <iframe>: pages run and embed nothing but the theme; link to it instead`,
		}},
		{"a link to a file not copied gets its upstream permalink", map[string]string{
			"og/readme.md": "---\ntitle: Guide\nsources:\n  - title: upstream\n    url: https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/docs/og/README.md\n---\n[user guide](../user-guide) [v2](../mantav2.md#intro)\n",
		}, []string{
			`content/og/readme.md:7: link "../mantav2.md#intro": no such page in content/ (not copied? link it upstream: https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/docs/mantav2.md#intro)`,
			`content/og/readme.md:7: link "../user-guide": no such page in content/ (not copied? link it upstream: https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/docs/user-guide)`,
		}},
		{"cheat-sheet schema applies to tools pages only", map[string]string{
			"tools/_index.md":   "---\ntitle: Tools\n---\n",
			"guide/x.md":        "---\ntitle: X\n---\n",
			"tools/bad.md":      "---\ntitle: Bad\n---\n## When to reach for it\n\nNow.\n\n## Examples\n\n## Reading the output\n\nX.\n\n## Pitfalls\n\nY.\n",
			"tools/sub/deep.md": "---\ntitle: Deep\n---\n",
		}, []string{
			`content/tools/bad.md:1: components is missing`,
			`content/tools/bad.md:1: manta is missing: list the Manta versions the page applies to: ["v1", "v2"], ["v1"] or ["v2"]`,
			`content/tools/bad.md:1: no sources: list the upstream man page, README or guide the facts came from, as {title, url}`,
			`content/tools/bad.md:1: platform is missing`,
			`content/tools/bad.md:1: summary is missing`,
			`content/tools/bad.md:1: symptoms is missing`,
			`content/tools/bad.md:8: Examples: 0 of at least 3 examples`,
		}},
		{"GitHub sources are pinned on every page", map[string]string{
			"components/x.md": "---\ntitle: X\nsources:\n  - title: code\n    url: https://github.com/o/r/blob/master/f.js\n  - title: pinned\n    url: https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/f.js#L3\n---\n",
		}, []string{
			`content/components/x.md:3: sources: GitHub source https://github.com/o/r/blob/master/f.js is not pinned to a commit: link https://github.com/OWNER/REPO/blob/<40-hex commit>/PATH (on GitHub, press y on the file to get it)`,
		}},
		{"manta versions are checked", map[string]string{
			"tools/a.md": strings.Replace(tool("a", ""), `manta: ["v1", "v2"]`, `manta: ["v3"]`, 1),
		}, []string{
			`content/tools/a.md:6: manta: v3 is not a Manta version (v1 or v2)`,
		}},
		{"related and components refer to pages", map[string]string{
			"components/muskie.md": "---\ntitle: Muskie\n---\n",
			"components/_index.md": "---\ntitle: Components\n---\n",
			"tools/a.md":           strings.Replace(tool("a", ""), `components: ["any"]`, "components: [muskie, moray]\nrelated: [b, c]", 1),
			"tools/b/index.md":     tool("b", ""),
		}, []string{
			`content/tools/a.md:5: components: "moray" is not "any" or a page in content/components/`,
			`content/tools/a.md:6: related: "c" has no cheat-sheet (content/tools/c.md)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := map[string][]byte{}
			for k, v := range tt.pages {
				pages[k] = []byte(v)
			}
			r := checkPages("content/", pages, true, Options{})
			var got []string
			for _, f := range r.Findings {
				got = append(got, f.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n got  %q\n want %q", got, tt.want)
			}
			if r.Pages != len(tt.pages) {
				t.Errorf("Pages = %d, want %d", r.Pages, len(tt.pages))
			}
			// Leaving links to the site engine leaves out the link
			// findings and nothing else, whichever pages it parses.
			var others []string
			for _, f := range got {
				if !strings.Contains(f, ": link \"") {
					others = append(others, f)
				}
			}
			var light []string
			for _, f := range checkPages("content/", pages, true, Options{LinksRendered: true}).Findings {
				light = append(light, f.String())
			}
			if strings.Join(light, "\n") != strings.Join(others, "\n") {
				t.Errorf("findings with links rendered:\n got  %q\n want %q", light, others)
			}
		})
	}
}

// frontMatterErr is the YAML library's first error line for src, so the
// test does not depend on its wording.
func frontMatterErr(t *testing.T, src string) string {
	t.Helper()
	r := checkPages("", map[string][]byte{"x.md": []byte("---\n" + src + "---\n")}, true, Options{})
	if len(r.Findings) != 1 {
		t.Fatalf("want one finding for %q, got %v", src, r.Findings)
	}
	return strings.TrimPrefix(r.Findings[0].Msg, "front matter: ")
}

func TestCheckProject(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = \"t\"\n")
	write("content/_index.md", "---\ntitle: Home\n---\n[svcs](tools/svcs.md) [gone](tools/gone.md)\n")
	write("content/tools/svcs.md", tool("svcs", ""))
	write("content/tools/notes.txt", "not a page")
	p, err := project.Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Check(p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Pages != 2 || r.CheatSheets != 1 {
		t.Errorf("Pages, CheatSheets = %d, %d; want 2, 1", r.Pages, r.CheatSheets)
	}
	want := `content/_index.md:4: link "tools/gone.md": no such page in content/ (not copied? link its upstream permalink, https://github.com/OWNER/REPO/blob/<commit>/PATH)`
	if len(r.Findings) != 1 || r.Findings[0].String() != want {
		t.Errorf("findings %v, want [%s]", r.Findings, want)
	}

	if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	if _, err := Check(p); err == nil || !strings.Contains(err.Error(), "content is not a directory") {
		t.Errorf("Check without content/: %v", err)
	}
}

func TestScaffoldFindingsAreTheAuthorsParts(t *testing.T) {
	r := checkPages("content/", map[string][]byte{"tools/x.md": cheatsheet.Scaffold("x")}, true, Options{})
	for _, f := range r.Findings {
		if !strings.Contains(f.Msg, "TODO") && !strings.Contains(f.Msg, "0 of at least 3 examples") {
			t.Errorf("finding about a part the scaffold should have right: %s", f)
		}
	}
	if len(r.Findings) != 9 {
		t.Errorf("%d findings on a fresh scaffold, want 9: %v", len(r.Findings), r.Findings)
	}
}

// FuzzCheckPage feeds arbitrary front matter and body to the checker as a
// cheat-sheet linking to a second page: it must never panic, and every
// finding must name a line inside the file.
func FuzzCheckPage(f *testing.F) {
	f.Add([]byte(tool("svcs", "[x](other.md#h) [y](#nope)\n")))
	f.Add(cheatsheet.Scaffold("x"))
	f.Add([]byte("+++\ntitle = 1\nsources = [{title = 2, url = \"ftp://x\"}]\n+++\n## Examples\n```sh {invasive=\n$ kill \\\n"))
	f.Add([]byte("---\nsymptoms: {a: b}\ncomponents: [1, null]\n---\n[](</a b.md>) [x]: <\n## Notes {#}\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("\ufeff---\ntitle: [\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		pages := map[string][]byte{
			"tools/svcs.md":   src,
			"tools/other.md":  []byte("---\ntitle: Other\n---\n## H\n"),
			"components/a.md": []byte("---\ntitle: A\n---\n"),
		}
		r := checkPages("content/", pages, true, Options{})
		lines := strings.Count(string(src), "\n") + 1
		for _, fd := range r.Findings {
			if fd.File == "content/tools/svcs.md" && (fd.Line < 1 || fd.Line > lines+1) {
				t.Errorf("finding outside the file (%d lines): %s", lines, fd)
			}
		}
	})
}

// BenchmarkCheckPages lints a synthetic site the size of the build
// benchmark's: 2,000 pages of 10 sections, each with a link and an anchor.
func BenchmarkCheckPages(b *testing.B) {
	pages := map[string][]byte{}
	var sb strings.Builder
	for i := range 2000 {
		sb.Reset()
		fmt.Fprintf(&sb, "---\ntitle: Page %d\n---\n", i)
		for j := range 10 {
			fmt.Fprintf(&sb, "\n## Section %d of page %d\n\n%s\n\nSee [next](../s%d/p%d.md#section-%d-of-page-%d).\n\n"+fence+"sh\nsvcs -xv\n"+fence+"\n",
				j, i, strings.Repeat("Words in a paragraph of prose. ", 20), (i+1)%2000%20, (i+1)%2000, j, (i+1)%2000)
		}
		pages[fmt.Sprintf("s%d/p%d.md", i%20, i)] = []byte(sb.String())
	}
	b.ResetTimer()
	for b.Loop() {
		if r := checkPages("content/", pages, true, Options{}); len(r.Findings) != 0 {
			b.Fatalf("findings: %v", r.Findings[:1])
		}
	}
}

// Raw HTML other than comments is listed once, by file.
func TestRawHTML(t *testing.T) {
	pages := map[string][]byte{
		"doctoc.md": []byte("# A\n\n<!-- START doctoc -->\n- [s](#s)\n<!-- END doctoc -->\n\n## S\n"),
		"anchor.md": []byte("# B\n\n<a name=\"x\"/>\n\n## C\n"),
		"table.md":  []byte("# C\n\n| a | b<br />c |\n|---|---|\n| 1 | 2 |\n"),
		"code.md":   []byte("# D\n\n`<b>` and\n\n    <table>\n"),
	}
	r := checkPages("content/", pages, true, Options{})
	if len(r.Findings) != 0 {
		t.Errorf("findings: %v", r.Findings)
	}
	if got := strings.Join(r.RawHTML, " "); got != "content/anchor.md content/table.md" {
		t.Errorf("RawHTML = %q", got)
	}
	want := "2 pages carry raw HTML, which the site renders as written: content/anchor.md, content/table.md"
	if got := r.RawHTMLNote(); got != want {
		t.Errorf("note:\n got %q\nwant %q", got, want)
	}
	if got := (&Report{}).RawHTMLNote(); got != "" {
		t.Errorf("note without raw HTML: %q", got)
	}
}

// A project that turns raw HTML off gets no note, and its raw anchors are
// no anchors: the site leaves them out.
func TestRawHTMLOff(t *testing.T) {
	for _, tc := range []struct {
		config   string
		findings int
		rawHTML  int
	}{
		{"title = \"t\"\n", 0, 1},
		{"title = \"t\"\n[markup.goldmark.renderer]\nunsafe = true\n", 0, 1},
		{"title = \"t\"\n[markup.goldmark.renderer]\nunsafe = false\n", 1, 0},
	} {
		dir := t.TempDir()
		for name, body := range map[string]string{
			"config.toml":  tc.config,
			"content/a.md": "# A\n\n<a name=\"x\"></a>\n\n[x](#x)\n",
		} {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		p, err := project.Find(dir)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Check(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Findings) != tc.findings || len(r.RawHTML) != tc.rawHTML {
			t.Errorf("%q: findings %v, raw HTML %v", tc.config, r.Findings, r.RawHTML)
		}
	}
}
