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
		// No /proc (macOS, illumos without it): look for the same file in
		// the project tree instead.
		path = findSame(p.Dir, fi)
	}
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

// findSame is the path under root of the file fi describes, or "": the
// project's sources and vault, not .git, the built site or node_modules.
func findSame(root string, fi os.FileInfo) string {
	found := ""
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || found != "" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "public", "node_modules", "bin", "dist":
				if path != root {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if d.Type().IsRegular() {
			if other, err := os.Stat(path); err == nil && os.SameFile(fi, other) {
				found = path
				return filepath.SkipAll
			}
		}
		return nil
	})
	if found == "" {
		return ""
	}
	if abs, err := filepath.EvalSymlinks(found); err == nil {
		return abs
	}
	return found
}

// filePath is where an open file is, as the kernel names it, or "" when
// the system does not say.
var filePath = func(f *os.File) string {
	path, err := os.Readlink(fmt.Sprintf("/proc/self/fd/%d", f.Fd()))
	if err != nil || !filepath.IsAbs(path) {
		return ""
	}
	return path
}
