package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/afero"
)

// upstreamSite copies the fixture shaped like the Manta operator guide
// (TritonDataCenter/manta docs/operator-guide, copied in as it is: no front
// matter, the README renamed _index.md, a doctoc block, a second # heading,
// a PEM template in a list item, an HTML line break in a table, an <a
// name> anchor and links to it), which the irp stories share, with its
// link out of the tree pointed at the upstream permalink.
func upstreamSite(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "cmd", "irp", "testdata", "fixtures", "operator-guide")
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		b = bytes.ReplaceAll(b, []byte("(../user-guide)"), []byte("("+upstreamUserGuide+")"))
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

const upstreamUserGuide = "https://github.com/TritonDataCenter/manta/blob/364e3fa0ea7e4d47edb8ff8fa27e729ca1c74283/docs/user-guide"

// A link to a file that was not copied fails the build with file, line
// and the hint to link it upstream.
func TestLinkOutOfTree(t *testing.T) {
	dir := upstreamSite(t)
	page := filepath.Join(dir, "content", "resources", "og", "_index.md")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, bytes.Replace(b, []byte(upstreamUserGuide), []byte("../user-guide"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Build(Options{Source: dir})
	want := `content/resources/og/_index.md:10:\d+: link "../user-guide": no such page in content/ \(not copied\? link its upstream permalink, https://github.com/OWNER/REPO/blob/<commit>/PATH\)$`
	if err == nil || !regexp.MustCompile(want).MatchString(err.Error()) {
		t.Errorf("error %v, want %s", err, want)
	}
}

// Pages without front matter are named by their first # heading, in the
// <title>, the breadcrumbs, the lists and the search index, and the
// heading is not shown twice; their raw HTML is rendered as written.
func TestUpstreamDocs(t *testing.T) {
	dir := upstreamSite(t)
	var warn strings.Builder
	if _, err := Build(Options{Source: dir, Warnings: &warn}); err != nil {
		t.Fatal(err)
	}
	if warn.Len() > 0 {
		t.Errorf("warnings:\n%s", warn.String())
	}
	maint := readOut(t, dir, "resources/og/maintenance/index.html")
	section := readOut(t, dir, "resources/og/index.html")
	for _, c := range []struct{ page, name, want string }{
		{maint, "title", `<title>Manta Operator Maintenance · Upstream</title>`},
		{maint, "breadcrumb", `<li><a href="../../../resources/og/index.html">Manta Operator Guide</a></li>`},
		{maint, "breadcrumb", `aria-current="page">Manta Operator Maintenance</a>`},
		{maint, "later # heading", `<h1 id="upgrading-manta-components"`},
		{maint, "line break in a table", `mbackup<br />(the uploader)`},
		{maint, "doctoc link", `href="../../../resources/og/mantav2-migration/index.html#snaplink-cleanup"`},
		{readOut(t, dir, "resources/og/mantav2-migration/index.html"), "anchor", `<a name="snaplink-cleanup" />`},
		{section, "title", `<title>Manta Operator Guide · Upstream</title>`},
		{section, "list", `>Manta Operator Maintenance</a>`},
		{section, "list", `>Migrating from Mantav1 to Mantav2</a>`},
	} {
		if !strings.Contains(c.page, c.want) {
			t.Errorf("%s: no %s", c.name, c.want)
		}
	}
	if n := strings.Count(maint, "Manta Operator Maintenance</h1>"); n != 1 {
		t.Errorf("the title heading is shown %d times", n)
	}
	if n := len(regexp.MustCompile(`<h1[ >]`).FindAllString(section, -1)); n != 1 {
		t.Errorf("the section page has %d h1", n)
	}
	titles := map[string]string{}
	for _, d := range readIndex(t, dir) {
		if d.Title == "" {
			t.Errorf("search entry %s has no title", d.URL)
		}
		if d.Heading == "" {
			titles[d.URL] = d.Title
		}
	}
	for url, want := range map[string]string{
		"resources/og/":                   "Manta Operator Guide",
		"resources/og/maintenance/":       "Manta Operator Maintenance",
		"resources/og/mantav2-migration/": "Migrating from Mantav1 to Mantav2",
	} {
		if titles[url] != want {
			t.Errorf("search entry %s: title %q, want %q", url, titles[url], want)
		}
	}
}

// Hugo's messages keep the lines of the file: a broken link after the
// heading that became the title is reported where it is, with or without
// front matter, and with the heading anywhere.
func TestPromotedTitleKeepsLines(t *testing.T) {
	for name, page := range map[string]string{
		"no front matter":      "# Title\n\ntext\n\n[x](nope.md)\n",
		"heading further down": "<!-- doctoc -->\n\n# Title\n\n[x](nope.md)\n",
		"front matter":         "---\nsummary: s\n---\n\n# Title\n[x](nope.md)\n",
	} {
		dir := upstreamSite(t)
		if err := os.WriteFile(filepath.Join(dir, "content", "x.md"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		line := strings.Count(page[:strings.Index(page, "[x]")], "\n") + 1
		_, err := Build(Options{Source: dir})
		want := regexp.MustCompile(`^content/x.md:` + strconv.Itoa(line) + `:\d+: link "nope.md": no such page`)
		if err == nil || !want.MatchString(err.Error()) {
			t.Errorf("%s: error %v, want %s", name, err, want)
		}
	}
}

// A project that turns raw HTML off gets one warning naming the pages, not
// Hugo's line per page.
func TestRawHTMLOffIsOneWarning(t *testing.T) {
	dir := upstreamSite(t)
	cfg := filepath.Join(dir, "config.toml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(b, "[markup.goldmark.renderer]\nunsafe = false\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	var warn strings.Builder
	if _, err := Build(Options{Source: dir, Warnings: &warn}); err != nil {
		t.Fatal(err)
	}
	want := "warning: raw HTML left out of 2 page(s), as config.toml sets markup.goldmark.renderer.unsafe = false: content/resources/og/maintenance.md, content/resources/og/mantav2-migration.md\n"
	if warn.String() != want {
		t.Errorf("warnings:\n%q\nwant\n%q", warn.String(), want)
	}
	if page := readOut(t, dir, "resources/og/mantav2-migration/index.html"); strings.Contains(page, `<a name=`) {
		t.Error("raw HTML rendered with unsafe = false")
	}
}

// The preview rebuilds an edited page with its new heading as its title.
func TestPromotedTitleOnRebuild(t *testing.T) {
	dir := upstreamSite(t)
	s, err := Load(Options{Source: dir, InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "content", "resources", "og", "maintenance.md")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte(strings.Replace(string(b), "# Manta Operator Maintenance", "# Keeping Manta running", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(fsnotify.Event{Name: page, Op: fsnotify.Write}); err != nil {
		t.Fatal(err)
	}
	out, err := afero.ReadFile(s.PublishFs(), filepath.Join("resources", "og", "maintenance", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "<title>Keeping Manta running · Upstream</title>") || strings.Count(string(out), "Keeping Manta running</h1>") != 1 {
		t.Errorf("rebuilt page:\n%s", out)
	}
}
