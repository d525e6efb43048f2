package vault

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"irp/internal/project"
)

// InsideError means decrypted text was about to go into a file inside the
// project, where the site is built from and git may pick it up.
type InsideError struct{ File string }

func (e *InsideError) Error() string {
	return "stdout is " + e.File + ", inside the project: sealed text must not be written where the site is built from"
}

// CheckOutput refuses w when it is a file inside the project p. A terminal,
// a pipe, or a file elsewhere is fine.
func CheckOutput(p project.Project, w io.Writer) error {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	path := filePath(f)
	if path == "" {
		return nil
	}
	root, err := filepath.EvalSymlinks(p.Dir)
	if err != nil {
		root = p.Dir
	}
	if rel, err := filepath.Rel(root, path); err == nil && filepath.IsLocal(rel) {
		return &InsideError{filepath.ToSlash(rel)}
	}
	return nil
}

// filePath is where an open file is, as the kernel names it, or "" when
// the system does not say.
func filePath(f *os.File) string {
	path, err := os.Readlink(fmt.Sprintf("/proc/self/fd/%d", f.Fd()))
	if err != nil || !filepath.IsAbs(path) {
		return ""
	}
	return path
}
