package site

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"

	"irp/internal/doc"
)

// titleFs is the project's file system as Hugo reads it: a content page
// without a title in its front matter reads as if its first level-1
// heading were that title (doc.PromoteTitle), so the <title>, the
// breadcrumbs, the lists and the search index all name it, and the heading
// is not shown twice. Hugo has no setting for this; giving it the title in
// the content it reads keeps every part of the site, and the line numbers
// in its messages, as they are for a page that sets its title.
type titleFs struct {
	afero.Fs
	content string // absolute content directory, with a trailing separator
}

func newTitleFs(fs afero.Fs, contentDir string) *titleFs {
	return &titleFs{Fs: fs, content: filepath.Clean(contentDir) + string(filepath.Separator)}
}

func (t *titleFs) page(name string) bool {
	if !strings.HasPrefix(filepath.Clean(name), t.content) {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

func (t *titleFs) Open(name string) (afero.File, error) {
	f, err := t.Fs.Open(name)
	if err != nil || !t.page(name) {
		return f, err
	}
	return promoted(f)
}

func (t *titleFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := t.Fs.OpenFile(name, flag, perm)
	if err != nil || flag&(os.O_WRONLY|os.O_RDWR) != 0 || !t.page(name) {
		return f, err
	}
	return promoted(f)
}

// LstatIfPossible passes through, so Hugo still sees symlinks as such.
func (t *titleFs) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	if l, ok := t.Fs.(afero.Lstater); ok {
		return l.LstatIfPossible(name)
	}
	fi, err := t.Fs.Stat(name)
	return fi, false, err
}

// promoted reads a page and returns it as the site reads it; a directory
// or a page left as it is comes back rewound.
func promoted(f afero.File) (afero.File, error) {
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		return f, err
	}
	src, err := io.ReadAll(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	out := doc.PromoteTitle(f.Name(), src)
	return &readFile{File: f, r: bytes.NewReader(out), info: sizedInfo{st, int64(len(out))}}, nil
}

// readFile is an open page whose bytes come from memory; it is opened for
// reading only, so only the reading methods change.
type readFile struct {
	afero.File // Name, Close, and the rest
	r          *bytes.Reader
	info       os.FileInfo
}

func (f *readFile) Read(p []byte) (int, error)                { return f.r.Read(p) }
func (f *readFile) ReadAt(p []byte, off int64) (int, error)   { return f.r.ReadAt(p, off) }
func (f *readFile) Seek(off int64, whence int) (int64, error) { return f.r.Seek(off, whence) }
func (f *readFile) Stat() (os.FileInfo, error)                { return f.info, nil }

// sizedInfo is a file's info with the size of what it reads as.
type sizedInfo struct {
	os.FileInfo
	size int64
}

func (s sizedInfo) Size() int64 { return s.size }
