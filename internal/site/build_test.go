package site

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"irp/internal/testtree"
	theme "irp/themes/irp"
)

func TestMain(m *testing.M) {
	// Keep Hugo's cache out of the user's real cache dir.
	os.Exit(testtree.RunInTempHome(m, "irp-site-test-cache"))
}

// layouts are minimal project templates so the tests do not depend on the
// theme's page layout; the theme's render hooks (links) still apply.
const layouts = `
-- layouts/baseof.html --
<!doctype html><html><body>{{ block "main" . }}{{ end }}</body></html>
-- layouts/single.html --
{{ define "main" }}<main><h1>{{ .Title }}</h1>{{ .Content }}</main>{{ end }}
-- layouts/list.html --
{{ define "main" }}<main><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}
`

const configToml = `
-- config.toml --
baseURL = "/"
title = "Test site"
theme = "irp"
enableGitInfo = true
relativeURLs = true
disableKinds = ["taxonomy", "term", "rss"]
[frontmatter]
lastmod = [":git", "lastmod", ":fileModTime"]
`

const linkSite = configToml + layouts + `
-- content/_index.md --
+++
title = "Home"
+++
Start with the [guide](guide/_index.md).
-- content/guide/_index.md --
+++
title = "Guide"
+++
Read [where to look](where-to-look.md).
-- content/guide/where-to-look.md --
+++
title = "Where to look"
+++
Intro.

## CPU

Use [svcs](../tools/svcs.md) and [its output](/tools/svcs.md#reading-the-output),
see [memory](#memory), the [tools](/tools/_index.md), and [upstream](https://illumos.org/man/1/svcs).

## Memory

Nothing yet.
-- content/tools/_index.md --
+++
title = "Tools"
+++
-- content/tools/svcs.md --
+++
title = "svcs"
summary = "Service states."
symptoms = ["service in maintenance", "restarts keep failing"]
+++
Reports the state of SMF services.

## Reading the output

The STATE column matters. See [prstat](prstat.md).
-- content/tools/prstat.md --
---
title: prstat
---
Process statistics.
`

// writeSite unpacks a txtar archive into a fresh directory.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	ar := txtar.Parse([]byte(archive))
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func buildOK(t *testing.T, dir string) Result {
	t.Helper()
	res, err := Build(Options{Source: dir})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

func readOut(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("output: %v", err)
	}
	return string(b)
}

func TestLinksRewritten(t *testing.T) {
	dir := writeSite(t, linkSite)
	res := buildOK(t, dir)
	if res.Pages < 6 {
		t.Errorf("pages = %d, want at least 6", res.Pages)
	}
	for _, p := range []string{"index.html", "guide/index.html", "guide/where-to-look/index.html", "tools/index.html", "tools/svcs/index.html", "tools/prstat/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", p)); err != nil {
			t.Errorf("missing page %s", p)
		}
	}
	where := readOut(t, dir, "guide/where-to-look/index.html")
	for _, want := range []string{
		`<a href="../../tools/svcs/index.html">svcs</a>`,
		`<a href="../../tools/svcs/index.html#reading-the-output">its output</a>`,
		`<a href="#memory">memory</a>`,
		`<a href="../../tools/index.html">tools</a>`,
		`<a href="https://illumos.org/man/1/svcs" rel="noopener">upstream</a>`,
	} {
		if !strings.Contains(where, want) {
			t.Errorf("guide/where-to-look: no %s in\n%s", want, where)
		}
	}
	if home := readOut(t, dir, "index.html"); !strings.Contains(home, `<a href="./guide/index.html">guide</a>`) {
		t.Errorf("home: link to guide not rewritten:\n%s", home)
	}
	if g := readOut(t, dir, "guide/index.html"); !strings.Contains(g, `<a href="../guide/where-to-look/index.html">where to look</a>`) &&
		!strings.Contains(g, `<a href="where-to-look/index.html">where to look</a>`) {
		t.Errorf("guide: link to where-to-look not rewritten:\n%s", g)
	}
	if s := readOut(t, dir, "tools/svcs/index.html"); !strings.Contains(s, `<a href="../../tools/prstat/index.html">prstat</a>`) {
		t.Errorf("svcs: sibling link not rewritten:\n%s", s)
	}
}

func TestBrokenLinks(t *testing.T) {
	for _, tc := range []struct {
		name, link, want string
	}{
		{"missing page", "[x](../tools/nope.md)", `content/guide/where-to-look.md:14:.*"../tools/nope.md".*no such page`},
		{"missing anchor", "[x](../tools/svcs.md#nope)", `content/guide/where-to-look.md:14:.*"../tools/svcs.md#nope".*no heading with id "nope"`},
		{"missing local anchor", "[x](#nope)", `content/guide/where-to-look.md:14:.*"#nope".*no heading with id "nope"`},
		{"sibling without ./ that exists only at root", "[x](tools/svcs.md)", `content/guide/where-to-look.md:14:.*no such page`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := strings.Replace(linkSite, "Nothing yet.", "Nothing yet.\n"+tc.link, 1)
			dir := writeSite(t, site)
			_, err := Build(Options{Source: dir})
			if err == nil {
				t.Fatal("build succeeded with a broken link")
			}
			var be *BuildError
			if !errors.As(err, &be) {
				t.Fatalf("error %T %v, want *BuildError", err, err)
			}
			if len(be.Lines) != 1 {
				t.Errorf("want one line, got %q", be.Lines)
			}
			if !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("error %q\ndoes not match %s", err, tc.want)
			}
		})
	}
}

// TestBrokenLinkOneLine: a broken link is one line naming the file (the
// exit code is irp-site's, tested in cmd/irp-site).
func TestBrokenLinkOneLine(t *testing.T) {
	site := strings.Replace(linkSite, "Nothing yet.", "[x](../nope.md)", 1)
	dir := writeSite(t, site)
	_, err := Build(Options{Source: dir})
	if err == nil {
		t.Fatal("a broken link built")
	}
	if lines := ErrorLines(err); len(lines) != 1 || !strings.HasPrefix(lines[0], "content/guide/where-to-look.md:") {
		t.Errorf("error lines = %q", lines)
	}
}

func TestNoTraceInSourceDir(t *testing.T) {
	dir := writeSite(t, linkSite)
	before := listDir(t, dir)
	buildOK(t, dir)
	after := listDir(t, dir)
	var extra []string
	for _, f := range after {
		if !contains(before, f) && f != "public" {
			extra = append(extra, f)
		}
	}
	if len(extra) > 0 {
		t.Errorf("build left %q in the project", extra)
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestWithoutGit(t *testing.T) {
	dir := writeSite(t, linkSite)
	res := buildOK(t, dir)
	if !res.GitDisabled {
		t.Errorf("temp dir outside git: GitDisabled = false")
	}
}

func TestWithGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("SKIP: git not installed")
	}
	dir := writeSite(t, linkSite)
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "."},
		{"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "site"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	res := buildOK(t, dir)
	if res.GitDisabled {
		t.Errorf("git checkout: GitDisabled = true")
	}
}

func TestThemeOnDiskWins(t *testing.T) {
	site := linkSite + `
-- themes/irp/layouts/_markup/render-link.html --
<a href="{{ .Destination }}" data-disk-theme>{{ .Text }}</a>
`
	dir := writeSite(t, site)
	buildOK(t, dir)
	if s := readOut(t, dir, "tools/svcs/index.html"); !strings.Contains(s, `data-disk-theme`) {
		t.Errorf("theme on disk not used:\n%s", s)
	}
}

func TestUnknownTheme(t *testing.T) {
	dir := writeSite(t, strings.Replace(linkSite, `theme = "irp"`, `theme = "nosuch"`, 1))
	_, err := Build(Options{Source: dir})
	if err == nil || !strings.Contains(err.Error(), `config.toml: unknown theme "nosuch"`) {
		t.Errorf("err = %v", err)
	}
}

func TestBadInput(t *testing.T) {
	t.Run("malformed front matter", func(t *testing.T) {
		site := linkSite + `
-- content/tools/bad.md --
+++
title = "bad
summary = 1
+++
body
`
		dir := writeSite(t, site)
		_, err := Build(Options{Source: dir})
		if err == nil || !regexp.MustCompile(`^content/tools/bad\.md:\d+: `).MatchString(err.Error()) || strings.Contains(err.Error(), "\n") {
			t.Errorf("err = %q, want one line naming content/tools/bad.md:LINE", err)
		}
	})
	t.Run("missing config", func(t *testing.T) {
		dir := t.TempDir()
		_, err := Build(Options{Source: dir})
		if err == nil || !strings.Contains(err.Error(), "config.toml: not found") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("dest parent missing", func(t *testing.T) {
		dir := writeSite(t, linkSite)
		_, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "no", "such")})
		if lines := ErrorLines(err); err == nil || len(lines) != 1 || !strings.HasPrefix(lines[0], "--dest") {
			t.Errorf("err = %v", err)
		}
	})
}

// readIndex reads the search index in dir's public/ back into entries.
func readIndex(t *testing.T, dir string) []Doc {
	t.Helper()
	var m struct {
		Chunk   int      `json:"chunk"`
		Dir     string   `json:"dir"`
		Pages   string   `json:"pages"`
		Page    string   `json:"page"`
		Heading string   `json:"heading"`
		Anchor  string   `json:"anchor"`
		Anchors []string `json:"anchors"`
	}
	readScript(t, dir, IndexFile, "window.IRP_SEARCH_INDEX = ", &m)
	pages := strings.Split(m.Pages, termSep)
	headings := strings.Split(m.Heading, termSep)
	docs := make([]Doc, len(m.Anchor))
	page, at := 0, 0
	for i := range docs {
		var v int
		for shift := 0; ; shift += 5 {
			c := strings.IndexByte(b64, m.Page[at])
			at++
			v |= c & 31 << shift
			if c&32 == 0 {
				break
			}
		}
		page += v>>1 ^ -(v & 1) // zigzag
		pg := pages[4*page : 4*page+4]
		d := Doc{ID: i, Title: pg[0], URL: pg[1], Section: pg[2], Manta: pg[3], Heading: headings[i]}
		anchor := ""
		switch m.Anchor[i] {
		case 's':
			anchor, _ = headingSlug(d.Heading)
		case 'x':
			anchor, m.Anchors = m.Anchors[0], m.Anchors[1:]
		}
		if anchor != "" {
			d.URL += "#" + anchor
		}
		var rows [][]string
		name := "x" + strconv.Itoa(i/m.Chunk)
		readScript(t, dir, m.Dir+"/"+name+".js", `(window.IRP_SEARCH_PARTS||(window.IRP_SEARCH_PARTS={}))["`+name+`"]=`, &rows)
		row := append(rows[i%m.Chunk], "", "")
		d.Text, d.Summary, d.Symptoms = row[0], row[1], row[2]
		docs[i] = d
	}
	return docs
}

// readScript decodes the JSON value a script of the search index sets.
func readScript(t *testing.T, dir, name, pre string, v any) {
	t.Helper()
	src := readOut(t, dir, name)
	const post = ";\n"
	if !strings.HasPrefix(src, pre) || !strings.HasSuffix(src, post) {
		t.Fatalf("%s does not have the expected shape: %.80q…", name, src)
	}
	// Between values the index has U+2029 (to JavaScript a line break),
	// which JSON does not allow.
	body := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(src, pre), post), "\u2029", "")
	dec := json.NewDecoder(strings.NewReader(body))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func TestSearchIndex(t *testing.T) {
	site := linkSite + `
-- content/tools/mdb.md --
+++
title = "mdb"
symptoms = ["core dump", "process crashed"]
manta = ["v1", "v2"]
+++
The modular debugger.

## Examples

Open a core file:

` + "```" + `
mdb core.{{pid}}
` + "```" + `

### Stacks & threads

Use <code>::walk thread</code>.

## Pitfalls

Careful.
`
	dir := writeSite(t, site)
	res := buildOK(t, dir)
	docs := readIndex(t, dir)
	if res.IndexDocs != len(docs) {
		t.Errorf("Result.IndexDocs = %d, index has %d", res.IndexDocs, len(docs))
	}
	byURL := map[string]Doc{}
	for i, d := range docs {
		if d.ID != i {
			t.Errorf("doc %d has id %d", i, d.ID)
		}
		if strings.HasPrefix(d.URL, "/") {
			t.Errorf("url %q has a leading slash", d.URL)
		}
		byURL[d.URL] = d
	}
	want := []Doc{
		{Title: "mdb", URL: "tools/mdb/", Section: "tools", Text: "The modular debugger.", Symptoms: "core dump; process crashed", Manta: "v1 v2"},
		{Title: "mdb", Heading: "Examples", URL: "tools/mdb/#examples", Section: "tools", Text: "Open a core file:\u2029mdb core.{{pid}}", Manta: "v1 v2"},
		{Title: "mdb", Heading: "Stacks & threads", URL: "tools/mdb/#stacks--threads", Section: "tools", Text: "Use ::walk thread.", Manta: "v1 v2"},
		{Title: "mdb", Heading: "Pitfalls", URL: "tools/mdb/#pitfalls", Section: "tools", Text: "Careful.", Manta: "v1 v2"},
		{Title: "svcs", URL: "tools/svcs/", Section: "tools", Text: "Reports the state of SMF services.", Summary: "Service states.", Symptoms: "service in maintenance; restarts keep failing"},
		{Title: "svcs", Heading: "Reading the output", URL: "tools/svcs/#reading-the-output", Section: "tools", Text: "The STATE column matters. See prstat."},
		{Title: "Home", URL: "./", Section: "home", Text: "Start with the guide."},
		{Title: "Guide", URL: "guide/", Section: "guide", Text: "Read where to look."},
		{Title: "Where to look", Heading: "Memory", URL: "guide/where-to-look/#memory", Section: "guide", Text: "Nothing yet."},
	}
	if page := readOut(t, dir, "tools/mdb/index.html"); !strings.Contains(page, `<span class="badge badge-manta" title="true for Manta v2">Manta v2</span>`) {
		t.Errorf("tools/mdb/index.html has no Manta v2 badge")
	}
	for _, w := range want {
		key := w.URL
		got, ok := byURL[key]
		if !ok {
			t.Errorf("no entry for %s", key)
			continue
		}
		got.ID = 0
		if got != w {
			t.Errorf("entry %s:\n got %+v\nwant %+v", key, got, w)
		}
	}
}

func TestSplitSections(t *testing.T) {
	parts := splitSections(`<p>Intro <em>text</em><script>x()</script><button>Copy</button></p><h2 id="a">A <a class="anchor" aria-hidden="true" href="#a"><img aria-hidden="true" src="x.svg">#</a></h2><p>one</p><h4 id="deep">Deep</h4><p>two</p><h3>no id</h3><h3 id="b">B</h3><pre><code>x
y</code></pre>`)
	// Code blocks are set apart by U+2029 (blockSep), for the leak check.
	want := []section{
		{text: "Intro text"},
		{id: "a", heading: "A", text: "one Deep two no id"},
		{id: "b", heading: "B", text: "x y"},
	}
	if len(parts) != len(want) {
		t.Fatalf("got %+v", parts)
	}
	for i := range want {
		if parts[i] != want[i] {
			t.Errorf("part %d: got %+v, want %+v", i, parts[i], want[i])
		}
	}
}

func TestStalePagesRemoved(t *testing.T) {
	dir := writeSite(t, linkSite)
	buildOK(t, dir)
	if err := os.Remove(filepath.Join(dir, "content", "tools", "prstat.md")); err != nil {
		t.Fatal(err)
	}
	// The link to prstat must go too, or the build fails.
	f := filepath.Join(dir, "content", "tools", "svcs.md")
	b, _ := os.ReadFile(f)
	os.WriteFile(f, []byte(strings.Replace(string(b), "See [prstat](prstat.md).", "", 1)), 0o644)
	buildOK(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "public", "tools", "prstat", "index.html")); err == nil {
		t.Error("a deleted page is still in public/")
	}
	// A directory irp-site did not write is not emptied.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "keep.txt"), []byte("x"), 0o644)
	if _, err := Build(Options{Source: dir, Dest: other}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(other, "keep.txt")); err != nil {
		t.Error("build removed a file from a directory it had not written")
	}
}

func TestEmbeddedTheme(t *testing.T) {
	if _, err := fs.Stat(theme.Files, "layouts/baseof.html"); err != nil {
		t.Skip("SKIP: the embedded theme has no page layouts yet")
	}
	dir := writeSite(t, configToml+`
-- content/_index.md --
+++
title = "Home"
+++
Start with the [guide](guide/_index.md).
-- content/guide/_index.md --
+++
title = "Guide"
+++
How a session runs.
-- content/guide/roles.md --
+++
title = "Roles"
+++
## Instigator

Breaks things.
`)
	buildOK(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "themes")); err == nil {
		t.Fatal("test site has a themes/ directory")
	}
	home := readOut(t, dir, "index.html")
	if !strings.Contains(home, "<main") || !strings.Contains(home, `href="./guide/index.html"`) {
		t.Errorf("home page from the embedded theme lacks <main> or the guide link:\n%s", home)
	}
	readOut(t, dir, "guide/roles/index.html")
	// Static files of the embedded theme are copied too.
	err := fs.WalkDir(theme.Files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(strings.TrimPrefix(p, "static/")))); err != nil {
			t.Errorf("theme file %s not published", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// themeSite uses the embedded theme's own layouts: one page in each section
// the spec names, except scenarios (none retired yet).
const themeSite = configToml + `
-- content/_index.md --
+++
title = "Home"
+++
Welcome.
-- content/guide/_index.md --
+++
title = "Guide"
+++
-- content/guide/roles.md --
+++
title = "Roles"
+++
## Instigator

Breaks things.
-- content/guide/where-to-look.md --
+++
title = "Where to look"
summary = "From a symptom to the tool."
+++
## CPU

prstat.
-- content/resources/_index.md --
+++
title = "Resources"
+++
-- content/resources/rfd.md --
+++
title = "The RFD"
+++
Read it.
-- content/components/_index.md --
+++
title = "Components"
+++
-- content/components/moray.md --
+++
title = "moray"
+++
Key-value store.
-- content/tools/svcs.md --
+++
title = "svcs"
summary = "Service states."
platform = "SmartOS"
+++
## Examples

Every service not online.
-- content/sessions/_index.md --
+++
title = "Sessions"
+++
`

// TestSectionListPages: every section of the spec has a list page reached
// from the header on every page, scenarios included before any is retired.
func TestSectionListPages(t *testing.T) {
	dir := writeSite(t, themeSite)
	buildOK(t, dir)
	sections := []string{"guide", "resources", "components", "tools", "scenarios", "sessions"}
	var nav []string
	for _, s := range sections {
		nav = append(nav, `<li><a href="../`+s+`/index.html"`)
	}
	for _, s := range sections {
		page := readOut(t, dir, s+"/index.html")
		if !strings.Contains(page, "<h1>") || !strings.Contains(page, `<nav class="crumbs"`) {
			t.Errorf("%s/index.html: no heading or breadcrumbs", s)
		}
		at := 0
		for _, link := range nav {
			i := strings.Index(page[at:], link)
			if i < 0 {
				t.Errorf("%s/index.html: header does not link %s (in order)", s, link)
				break
			}
			at += i
		}
	}
	if page := readOut(t, dir, "tools/index.html"); !strings.Contains(page, `href="../tools/svcs/index.html"`) {
		t.Error("tools/index.html does not list svcs")
	}
	if page := readOut(t, dir, "scenarios/index.html"); !strings.Contains(page, "No scenario has been retired yet") {
		t.Error("scenarios/index.html does not say none is retired")
	}
}

// TestLastChanged: the "last changed" line comes from git (with the
// commit) in a checkout, and from the file's time without git.
func TestLastChanged(t *testing.T) {
	lastmod := regexp.MustCompile(`<p class="lastmod">Last changed <time datetime="\d{4}-\d\d-\d\d">[^<]+</time>(.*)</p>`)
	t.Run("no git", func(t *testing.T) {
		dir := writeSite(t, themeSite)
		buildOK(t, dir)
		m := lastmod.FindStringSubmatch(readOut(t, dir, "tools/svcs/index.html"))
		if m == nil {
			t.Fatal(`no "Last changed" line without git`)
		}
		if strings.Contains(m[1], "commit") {
			t.Errorf("a commit shown without git: %q", m[1])
		}
	})
	t.Run("git", func(t *testing.T) {
		if _, err := exec.LookPath("git"); err != nil {
			t.Skip("SKIP: git not installed")
		}
		dir := writeSite(t, themeSite)
		var hash string
		for _, args := range [][]string{
			{"init", "-q"},
			{"add", "."},
			{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
				"commit", "-q", "--date=2020-02-03T04:05:06Z", "-m", "site"},
			{"rev-parse", "--short", "HEAD"},
		} {
			cmd := exec.Command("git", args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE=2020-02-03T04:05:06Z")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, out)
			}
			hash = strings.TrimSpace(string(out))
		}
		buildOK(t, dir)
		page := readOut(t, dir, "tools/svcs/index.html")
		m := lastmod.FindStringSubmatch(page)
		if m == nil {
			t.Fatal(`no "Last changed" line in a git checkout`)
		}
		if !strings.Contains(m[0], `datetime="2020-02-03"`) || !strings.Contains(m[1], hash[:7]) {
			t.Errorf("last changed = %q, want the commit's date 2020-02-03 and hash %s", m[0], hash)
		}
	})
}

// TestHomePage: the home page tells a responder where to start before a
// session (the guide, components, resources, tools) and where to look
// during one (where-to-look, search, the cheat-sheets).
func TestHomePage(t *testing.T) {
	dir := writeSite(t, themeSite)
	buildOK(t, dir)
	home := readOut(t, dir, "index.html")
	before, during, ok := strings.Cut(home, `id="during"`)
	if !ok || !strings.Contains(before, `id="before"`) {
		t.Fatalf("home page has no before/during panels:\n%s", home)
	}
	for _, want := range []string{"./guide/index.html", "./components/index.html", "./resources/index.html", "./tools/index.html"} {
		if !strings.Contains(before, `href="`+want+`"`) {
			t.Errorf("home, before a session: no link to %s", want)
		}
	}
	for _, want := range []string{`href="./guide/where-to-look/index.html"`, `action="./search/index.html"`, `href="./tools/svcs/index.html"`} {
		if !strings.Contains(during, want) {
			t.Errorf("home, during a session: no %s", want)
		}
	}
}
