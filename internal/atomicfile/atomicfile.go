// Package atomicfile replaces files whole: the data goes to a temp file in
// the same directory, is synced, then renamed over the file, so a reader
// or a crash sees the old file or the new one, never half of one.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// Write replaces path with data, with mode perm.
func Write(path string, data []byte, perm os.FileMode) error {
	return renameio.WriteFile(path, data, perm, renameio.WithTempDir(filepath.Dir(path)))
}

// WriteWith replaces path with what write writes, with mode perm; when
// write fails, path is left as it was.
func WriteWith(path string, perm os.FileMode, write func(io.Writer) error) error {
	t, err := renameio.TempFile(filepath.Dir(path), path)
	if err != nil {
		return err
	}
	defer t.Cleanup()
	if err := write(t); err != nil {
		return err
	}
	if err := t.Chmod(perm); err != nil {
		return err
	}
	return t.CloseAtomicallyReplace()
}
