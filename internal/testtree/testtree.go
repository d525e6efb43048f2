// Package testtree writes the small trees of files that tests build
// projects from. Only tests import it.
package testtree

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files under dir: each key is a slash-separated path, each
// value the file's content. Directories are made as needed.
func Write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// RunInTempHome runs a package's tests with HOME and XDG_CACHE_HOME in a
// temporary directory named after prefix, removed afterwards, so that
// Hugo's caches stay out of the user's own; it returns m.Run's code
// (a TestMain: os.Exit(testtree.RunInTempHome(m, "irp-site-test"))).
func RunInTempHome(m *testing.M, prefix string) int {
	tmp, err := os.MkdirTemp("", prefix)
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tmp)
	os.Setenv("XDG_CACHE_HOME", tmp)
	os.Setenv("HOME", tmp)
	return m.Run()
}
