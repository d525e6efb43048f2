package site

import (
	"os"
	"sort"
	"sync"

	"github.com/spf13/afero"

	"irp/internal/leak"
)

// watchFs is the file system a staged build is written through: every
// file's bytes pass a leak.KeyWatch on their way to disk, and the files
// that may hold a private key are noted. irp then runs the full key check
// on those files only, instead of reading the whole built site again
// (which it still does when it has sealed text to look for).
type watchFs struct {
	afero.Fs
	mu       sync.Mutex
	suspects map[string]bool // OS paths
}

func newWatchFs(fs afero.Fs) *watchFs { return &watchFs{Fs: fs, suspects: map[string]bool{}} }

func (w *watchFs) Create(name string) (afero.File, error) {
	f, err := w.Fs.Create(name)
	if err != nil {
		return nil, err
	}
	return &watchedFile{File: f, fs: w, name: name}, nil
}

func (w *watchFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := w.Fs.OpenFile(name, flag, perm)
	if err != nil || flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		return f, err
	}
	return &watchedFile{File: f, fs: w, name: name}, nil
}

// Rename carries a suspect's mark to its new name.
func (w *watchFs) Rename(oldname, newname string) error {
	if err := w.Fs.Rename(oldname, newname); err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.suspects[oldname] {
		delete(w.suspects, oldname)
		w.suspects[newname] = true
	}
	return nil
}

func (w *watchFs) note(name string) {
	w.mu.Lock()
	w.suspects[name] = true
	w.mu.Unlock()
}

// Suspects are the files written so far that may hold a private key.
func (w *watchFs) Suspects() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.suspects))
	for p := range w.suspects {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// watchedFile is a file open for writing. It has only afero.File's
// methods, so io.Copy into it goes through Write (no ReadFrom shortcut).
type watchedFile struct {
	afero.File
	fs    *watchFs
	name  string
	watch leak.KeyWatch
}

func (f *watchedFile) Write(p []byte) (int, error) {
	n, err := f.File.Write(p)
	if !f.watch.Hit() {
		f.watch.Write(p[:n])
		if f.watch.Hit() {
			f.fs.note(f.name)
		}
	}
	return n, err
}

func (f *watchedFile) WriteString(s string) (int, error) { return f.Write([]byte(s)) }

// WriteAt may write anywhere: the file is a suspect.
func (f *watchedFile) WriteAt(p []byte, off int64) (int, error) {
	f.fs.note(f.name)
	return f.File.WriteAt(p, off)
}
