package project

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindWalksUp(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, ConfigFile), []byte("title = 'x'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(root, "content", "tools")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := Find(deep)
	if err != nil {
		t.Fatal(err)
	}
	if p.Dir != root {
		t.Fatalf("Dir = %q, want %q", p.Dir, root)
	}
	if got := p.Rel(filepath.Join(deep, "svcs.md")); got != filepath.Join("content", "tools", "svcs.md") {
		t.Errorf("Rel = %q", got)
	}
	if got := p.Rel("/elsewhere/x"); got != "/elsewhere/x" {
		t.Errorf("Rel outside = %q", got)
	}
}

func TestFindMissing(t *testing.T) {
	if _, err := Find(t.TempDir()); err == nil {
		t.Fatal("Find in a directory without config.toml succeeded")
	}
}
