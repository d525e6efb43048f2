package site

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"irp/internal/leak"
	"irp/internal/project"
	"irp/internal/scenario"
	"irp/internal/vault"
)

// toolSearches are, for each cheat-sheet, a word from its output that a
// responder looking at a terminal would type: a column header or a field
// name. The search must bring the cheat-sheet up for it.
var toolSearches = map[string]string{
	"bunyan":           "FATAL",
	"dtrace":           "quantize",
	"madtom":           "processType",
	"manta-adm":        "gz_admin_ip",
	"manta-oneach":     "exit_status",
	"marlin-dashboard": "slop",
	"mdb-v8":           "CONSTRUCTOR",
	"mlive":            "partial_outage",
	"mlocate":          "manta_storage_id",
	"moray-tools":      "_etag",
	"moraystat":        "QLEN",
	"mpstat":           "xcal",
	"mrjob":            "NDISP",
	"muskie-logs":      "latencyToFirstByte",
	"netstat":          "Swind",
	"pgsqlstat":        "TxAb",
	"prstat":           "NLWP",
	"ptools":           "S_IFSOCK",
	"sdc-oneachnode":   "HOSTNAME STATUS",
	"svcs":             "NSTATE",
	"vfsstat":          "wactv",
	"zonememstat":      "NOVER",
}

// TestContentSearch builds the site from the repository's own content and
// runs, in Chromium, the theme's search for each cheat-sheet's name (its
// page must be the first hit) and for a column of its output (its page
// must be among the first three).
func TestContentSearch(t *testing.T) {
	chromium(t)
	root := repoRoot(t)
	tools, err := filepath.Glob(filepath.Join(root, "content", "tools", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	public := repoSite(t)

	type want struct {
		query, page string
		within      int
	}
	var wants []want
	for _, f := range tools {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		if name == "_index" {
			continue
		}
		page := "tools/" + name + "/"
		title := pageTitle(t, f)
		wants = append(wants, want{title, page, 1})
		col, ok := toolSearches[name]
		if !ok {
			t.Errorf("content/tools/%s.md: no output column to search for in toolSearches", name)
			continue
		}
		wants = append(wants, want{col, page, 3})
	}
	var queries []string
	for _, w := range wants {
		queries = append(queries, w.query)
	}
	js, err := json.Marshal(queries)
	if err != nil {
		t.Fatal(err)
	}
	public = copyDir(t, public) // the probe's files go into a copy
	if err := os.WriteFile(filepath.Join(public, "queries.js"), append([]byte("window.IRP_QUERIES = "), js...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := copyTestFile(filepath.Join("testdata", "browser", "find.html"), filepath.Join(public, "find.html")); err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(public) + "/find.html"}).String()
	doc := dumpDOM(t, u, 20*time.Second)
	pre := domFind(doc, func(n *html.Node) bool { return domAttr(n, "id") == "result" })
	if pre == nil {
		t.Fatal("find.html: no #result")
	}
	var got struct {
		Error   string
		Results map[string][]string
	}
	if err := json.Unmarshal([]byte(domText(pre)), &got); err != nil {
		t.Fatalf("find.html result %q: %v", lastChars(domText(pre), 300), err)
	}
	if got.Error != "" {
		t.Fatal(got.Error)
	}
	for _, w := range wants {
		hits := got.Results[w.query]
		if !hasString(hits[:min(w.within, len(hits))], w.page) {
			t.Errorf("search %q: want %s within the first %d hits, got %q", w.query, w.page, w.within, hits)
		}
	}
}

// pageTitle is the title in the front matter of the cheat-sheet at path.
func pageTitle(t *testing.T, path string) string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(src), "\n") {
		if v, ok := strings.CutPrefix(line, "title:"); ok {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	t.Fatalf("%s: no title", path)
	return ""
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

var repoSiteOnce struct {
	sync.Once
	dir string
	err error
}

// repoSite builds the site of the repository's own content once for all
// the tests that read it, and returns its directory. Tests must not change
// it (copyDir gives a copy to add files to).
func repoSite(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	repoSiteOnce.Do(func() {
		dir, err := os.MkdirTemp(os.Getenv("XDG_CACHE_HOME"), "repo-site-") // removed by TestMain
		if err != nil {
			repoSiteOnce.err = err
			return
		}
		repoSiteOnce.dir = filepath.Join(dir, "public")
		_, repoSiteOnce.err = Build(Options{Source: root, Dest: repoSiteOnce.dir})
	})
	if repoSiteOnce.err != nil {
		t.Fatalf("building the site from %s: %v", root, repoSiteOnce.err)
	}
	return repoSiteOnce.dir
}

// copyDir copies the tree at src into a new temp dir and returns it.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "public")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestRepoSiteHasNoLeaks opens the shipped example scenarios with the demo
// key and checks that no passage of them, and no private key, is in the
// repository's content or in the site built from it.
func TestRepoSiteHasNoLeaks(t *testing.T) {
	root := repoRoot(t)
	p, err := project.Find(root)
	if err != nil {
		t.Fatal(err)
	}
	v, err := vault.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := vault.ParseIdentityFile(filepath.Join(root, "testdata", "demo-instigator.key"))
	if err != nil {
		t.Fatal(err)
	}
	list, err := v.IDs()
	if err != nil || len(list) == 0 {
		t.Fatalf("no sealed scenarios to check against (%v)", err)
	}
	sealed := map[string]*scenario.Scenario{}
	for _, id := range list {
		if sealed[id], err = v.Open(id, ids); err != nil {
			t.Fatal(err)
		}
	}
	found, err := leak.Check(sealed, []string{p.Content(), repoSite(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("%s:%d: %s", f.File, f.Line, f.Message())
	}
}
