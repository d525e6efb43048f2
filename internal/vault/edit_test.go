package vault

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// memoryRoot is a fresh directory in /dev/shm, or a skip where there is
// no memory-backed one.
func memoryRoot(t *testing.T) string {
	if !memoryBacked(sharedMemory) {
		t.Skip("no memory-backed " + sharedMemory)
	}
	dir, err := os.MkdirTemp(sharedMemory, "irp-test-")
	if err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// TestEditInMemoryShredsSwapFiles: the decrypted copy lives in
// memory-backed storage, and what the editor leaves beside it (a swap
// file, a backup) goes with the directory.
func TestEditInMemoryShredsSwapFiles(t *testing.T) {
	run := memoryRoot(t)
	v, ids := newVault(t, 1)
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	where := filepath.Join(t.TempDir(), "where")
	script := filepath.Join(t.TempDir(), "ed.sh")
	os.WriteFile(script, []byte(`d=$(dirname "$1")
echo "$d" > `+where+`
echo plaintext > "$d/.amber-heron.md.swp"
cp "$1" "$1~"
sed -i 's/^Uploads are slow since noon./Edited./' "$1"
`), 0o755)
	changed, err := v.Edit("amber-heron", ids, Editor{Command: []string{"sh", script}, RuntimeDir: run})
	if err != nil || !changed {
		t.Fatalf("Edit = %v, %v", changed, err)
	}
	b, _ := os.ReadFile(where)
	dir := strings.TrimSpace(string(b))
	if filepath.Dir(dir) != run {
		t.Errorf("decrypted into %s, want a directory in %s", dir, run)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s is still there (%v)", dir, err)
	}
}

// TestEditRefusesDiskUnlessAllowed: with no memory-backed directory, edit
// stops before decrypting anything, unless a disk temp dir is allowed.
func TestEditRefusesDiskUnlessAllowed(t *testing.T) {
	old := sharedMemory
	sharedMemory = ""
	t.Cleanup(func() { sharedMemory = old })
	t.Setenv("TMPDIR", t.TempDir())
	v, ids := newVault(t, 1)
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	ed := Editor{Command: []string{"true"}, RuntimeDir: t.TempDir()} // on disk
	if _, err := v.Edit("amber-heron", ids, ed); !errors.Is(err, ErrNoMemoryDir) {
		t.Fatalf("Edit without a memory-backed dir: %v", err)
	}
	if ents, _ := os.ReadDir(os.Getenv("TMPDIR")); len(ents) != 0 {
		t.Errorf("something was written: %v", ents)
	}
	ed.Disk = true
	if changed, err := v.Edit("amber-heron", ids, ed); err != nil || changed {
		t.Fatalf("Edit with --disk = %v, %v", changed, err)
	}
}
