package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	for _, text := range []string{"one\n", "two\n"} {
		if err := Write(path, []byte(text), 0o640); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		fi, _ := os.Stat(path)
		if err != nil || string(b) != text || fi.Mode().Perm() != 0o640 {
			t.Fatalf("got %q %v, %v", b, fi.Mode(), err)
		}
	}
}

// TestWriteWith: a chart appears whole or not at all. A write that
// fails half-way leaves the earlier file as it was and no stray files.
func TestWriteWith(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chart.svg")
	if err := WriteWith(path, 0o644, func(w io.Writer) error {
		_, err := io.WriteString(w, "<svg>one</svg>\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteWith(path, 0o644, func(w io.Writer) error {
		io.WriteString(w, "<svg>half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want the write's error", err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "<svg>one</svg>\n" {
		t.Fatalf("after a failed write the file holds %q (%v), want the earlier chart", got, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q, want only chart.svg", names)
	}
	if err := WriteWith(filepath.Join(dir, "nope", "chart.svg"), 0o644, func(io.Writer) error { return nil }); err == nil {
		t.Errorf("writing into a missing directory succeeded")
	}
}
