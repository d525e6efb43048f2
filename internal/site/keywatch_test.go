package site

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// Every way Hugo writes a file goes past the watch: Create, OpenFile,
// io.Copy, WriteString; a rename keeps the mark; clean files are not named.
func TestWatchFsNamesFilesWithKeyMarks(t *testing.T) {
	dir := t.TempDir()
	w := newWatchFs(afero.NewOsFs())
	key := "-----BEGIN OPENSSH " + "PRIVATE KEY-----"
	write := func(name string, open func(string) (afero.File, error), body string) {
		t.Helper()
		f, err := open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(f, strings.NewReader(body)); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	create := w.Create
	openW := func(n string) (afero.File, error) { return w.OpenFile(n, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644) }
	write("a.html", create, "<p>"+key+"</p>")
	write("b.html", openW, strings.Repeat("x", 5000)+key)
	write("clean.html", create, "<p>PRIVATE KEY is two words</p>")
	f, _ := w.Create(filepath.Join(dir, "c.txt"))
	f.WriteString("AGE-SECRET-")
	f.WriteString("KEY-1QPZ")
	f.Close()
	if err := w.Rename(filepath.Join(dir, "c.txt"), filepath.Join(dir, "d.txt")); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range w.Suspects() {
		got = append(got, filepath.Base(p))
	}
	if strings.Join(got, " ") != "a.html b.html d.txt" {
		t.Errorf("suspects = %v, want a.html b.html d.txt", got)
	}
	// What was written reached the disk unchanged.
	if b, _ := os.ReadFile(filepath.Join(dir, "b.html")); len(b) != 5000+len(key) {
		t.Errorf("b.html has %d bytes", len(b))
	}
}
