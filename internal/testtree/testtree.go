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
