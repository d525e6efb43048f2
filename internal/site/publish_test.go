package site

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func stage(t *testing.T, dest string, files map[string]string) string {
	t.Helper()
	st, err := newStage(dest)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, st, files)
	return st
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			r, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(r))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPublish(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	build := map[string]string{"index.html": "new", IndexFile: "idx", "tools/a/index.html": "a"}

	// No dest yet: the staged build becomes it.
	if err := Publish(stage(t, dest, build), dest); err != nil {
		t.Fatal(err)
	}
	// An earlier build is replaced whole.
	writeFiles(t, dest, map[string]string{"stale/index.html": "old"})
	if err := Publish(stage(t, dest, build), dest); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, dest); len(got) != 3 {
		t.Errorf("after replacing a build: %v", got)
	}
	// A directory holding other things keeps them; same-named entries are
	// replaced, directories included.
	other := filepath.Join(parent, "www")
	writeFiles(t, other, map[string]string{"CNAME": "x", "tools/old.html": "o", "index.html": "old"})
	if err := Publish(stage(t, other, build), other); err != nil {
		t.Fatal(err)
	}
	got := entries(t, other)
	want := []string{"CNAME", "index.html", IndexFile, "tools/a/index.html"}
	if len(got) != len(want) {
		t.Fatalf("merged = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("merged = %v, want %v", got, want)
			break
		}
	}
	// Nothing staged is left beside them.
	if left, _ := filepath.Glob(filepath.Join(parent, "*"+stageMark+"*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestDiscardAndStaleStages(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := Discard(parent); err == nil {
		t.Fatal("Discard removed a directory that is not a staging one")
	}
	st := stage(t, dest, map[string]string{"index.html": "x"})
	if err := Discard(st); err != nil {
		t.Fatal(err)
	}
	// A stage left by a killed build is cleared by a later one once it is
	// old; a recent one (a build running now) is not.
	old := stage(t, dest, nil)
	recent := stage(t, dest, nil)
	long := time.Now().Add(-2 * staleStage)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	next := stage(t, dest, nil)
	for dir, want := range map[string]bool{old: false, recent: true, next: true} {
		if _, err := os.Stat(dir); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(dir), err == nil, want)
		}
	}
}

// A publish directory that is a symlink stays one: its target gets the site.
func TestStagedBuildThroughSymlink(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "www")
	writeFiles(t, target, map[string]string{IndexFile: "old", "stale.html": "x"})
	link := filepath.Join(parent, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	src := filepath.Join(parent, "site")
	writeFiles(t, src, map[string]string{
		"config.toml":       "title = \"T\"\ntheme = \"irp\"\ndisableKinds = [\"taxonomy\", \"term\", \"rss\", \"sitemap\"]\n",
		"content/_index.md": "---\ntitle: Home\n---\nHello.\n",
	})
	res, err := Build(Options{Source: src, Dest: link, Stage: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := Publish(res.Staged, res.Dest); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("public is no longer a symlink: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target, "index.html")); err != nil {
		t.Errorf("the link's target did not get the site: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target, "stale.html")); err == nil {
		t.Error("the earlier build's files are still in the target")
	}
}
