package vault

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"irp/internal/project"
)

func TestCheckOutput(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the path of an open file comes from /proc")
	}
	checkOutput(t)
}

// TestCheckOutputWithoutProc: where the system does not name an open
// file's path (macOS, illumos), the project tree is searched for it.
func TestCheckOutputWithoutProc(t *testing.T) {
	old := filePath
	filePath = func(*os.File) string { return "" }
	defer func() { filePath = old }()
	checkOutput(t)
}

func checkOutput(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	p := project.Project{Dir: filepath.Join(dir, "site")}
	os.MkdirAll(filepath.Join(p.Dir, "content"), 0o755)
	inside, err := os.Create(filepath.Join(p.Dir, "content", "leak.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer inside.Close()
	var ie *InsideError
	if err := CheckOutput(p, inside); !errors.As(err, &ie) || ie.File != "content/leak.md" {
		t.Errorf("a file in content/: %v", err)
	}
	outside, err := os.Create(filepath.Join(dir, "notes.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer outside.Close()
	if err := CheckOutput(p, outside); err != nil {
		t.Errorf("a file outside the project: %v", err)
	}
	r, w, _ := os.Pipe()
	defer r.Close()
	defer w.Close()
	if err := CheckOutput(p, w); err != nil {
		t.Errorf("a pipe: %v", err)
	}
	if err := CheckOutput(p, &strings.Builder{}); err != nil {
		t.Errorf("a buffer: %v", err)
	}
}
