package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"filippo.io/age"

	"irp/internal/scenario"
)

// Editor describes how to run the user's editor.
type Editor struct {
	Command     []string // e.g. ["vim"] or ["code", "--wait"]
	Stdin       io.Reader
	Stdout      io.Writer
	Stderr      io.Writer
	Interactive bool // a terminal is attached: on a parse error, edit again
	// RuntimeDir is $XDG_RUNTIME_DIR: the first place tried for the
	// decrypted copy, when it is memory-backed.
	RuntimeDir string
	// Disk allows the decrypted copy in a temp dir on disk when no
	// memory-backed directory is found.
	Disk bool
}

// sharedMemory is the memory-backed directory tried after RuntimeDir.
var sharedMemory = "/dev/shm"

// ErrNoMemoryDir means no memory-backed directory was found for the
// decrypted copy, and a directory on disk was not allowed.
var ErrNoMemoryDir = errors.New("no memory-backed directory for the decrypted copy ($XDG_RUNTIME_DIR and /dev/shm are not tmpfs): on disk, deleted plaintext may survive in free blocks; pass --disk to accept that")

// privateDir makes the directory (0700) for the decrypted copy: in
// memory-backed storage when there is any, else on disk if ed allows it.
func privateDir(ed Editor) (string, error) {
	for _, root := range []string{ed.RuntimeDir, sharedMemory} {
		if root != "" && memoryBacked(root) {
			if dir, err := os.MkdirTemp(root, "irp-edit-"); err == nil {
				return dir, nil
			}
		}
	}
	if !ed.Disk {
		return "", ErrNoMemoryDir
	}
	return os.MkdirTemp("", "irp-edit-")
}

// editorArgs adds the flags that keep vim-like editors from writing swap
// and viminfo/shada files, which would hold plaintext outside the temp dir.
func editorArgs(cmd []string, file string) []string {
	args := append([]string{}, cmd[1:]...)
	switch filepath.Base(cmd[0]) {
	case "vim", "vi", "nvim", "gvim", "vim.basic", "vim.tiny", "view":
		args = append(args, "-n", "-i", "NONE")
	}
	return append(args, file)
}

// ErrInterrupted means edit was stopped by SIGINT, SIGTERM or SIGHUP.
var ErrInterrupted = errors.New("interrupted: nothing sealed, the decrypted copy was removed")

// Edit decrypts scenario id into a private temp dir (0700, in
// memory-backed storage unless ed.Disk allows disk), runs the editor on it
// and re-seals it with the next revision if it changed. The dir, with any
// swap or backup file the editor left in it, is shredded on return,
// including when SIGINT, SIGTERM or SIGHUP arrive.
func (v *Vault) Edit(id string, ids []age.Identity, ed Editor) (changed bool, err error) {
	s, err := v.Open(id, ids)
	if err != nil {
		return false, err
	}
	// Catch the signals before the plaintext exists, so that none of them
	// can end the process between writing it and removing it. SIGHUP is
	// a closed terminal.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sig)
	dir, err := privateDir(ed)
	if err != nil {
		return false, err
	}
	defer shredDir(dir)
	if err := os.Chmod(dir, 0o700); err != nil {
		return false, err
	}

	file := filepath.Join(dir, id+".md")
	if err := os.WriteFile(file, s.Source, 0o600); err != nil {
		return false, err
	}
	last := s.Source
	for {
		if err := runEditor(ed, file, sig); err != nil {
			return false, err
		}
		src, err := os.ReadFile(file)
		if err != nil {
			return false, err
		}
		if bytes.Equal(src, s.Source) {
			return false, nil
		}
		ns, perr := scenario.Parse(id+".md", src)
		if perr == nil && ns.ID != id {
			perr = fmt.Errorf("%s.md: the id must stay %q (seal a copy with irp vault seal to make a new scenario)", id, id)
		}
		if perr == nil {
			ns.Revision = nextRevision(s, ns.Source)
			return true, v.Put(ns)
		}
		if !ed.Interactive || bytes.Equal(src, last) {
			return false, fmt.Errorf("%v: nothing sealed", perr)
		}
		last = src
		fmt.Fprintf(ed.Stderr, "irp: %v\nirp: opening the editor again (save it unchanged to give up)\n", perr)
	}
}

func runEditor(ed Editor, file string, sig chan os.Signal) error {
	if len(ed.Command) == 0 {
		ed.Command = []string{"vi"}
	}
	cmd := exec.Command(ed.Command[0], editorArgs(ed.Command, file)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = ed.Stdin, ed.Stdout, ed.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("run editor: %v (set $EDITOR)", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("editor %s: %v: nothing sealed", ed.Command[0], err)
		}
		return nil
	case <-sig:
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		return ErrInterrupted
	}
}

// shredDir overwrites every file in dir (the scenario and any backup the
// editor left) with zeros, syncs it, then removes dir. On journaling or
// copy-on-write filesystems old blocks may survive; it is best effort on
// top of the 0700 directory.
func shredDir(dir string) {
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil
		}
		zero := make([]byte, 32<<10)
		for left := info.Size(); left > 0; left -= int64(len(zero)) {
			if _, err := f.Write(zero[:min(left, int64(len(zero)))]); err != nil {
				break
			}
		}
		_ = f.Sync()
		f.Close()
		return nil
	})
	os.RemoveAll(dir)
}
