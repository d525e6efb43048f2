package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"irp/internal/buildproto"
)

// A staged build is written into a fresh directory beside the publish
// directory, then moved into place in one rename, or deleted. `irp build`
// stages: it lints the content while Hugo renders, checks the rendered
// files for leaks, and only then says publish. A build that fails a check,
// or is interrupted, leaves the last published site as it was.

// stageMark is in the names of staging directories (and of the old site
// while it is being swapped out), after a dot and the publish directory's
// name: .public.irp-staging-1234.
const stageMark = ".irp-staging-"

// staleStage is how old a staging directory must be before a new build
// deletes it as left behind by a killed one.
const staleStage = time.Hour

// newStage makes the staging directory for dest and clears out stale ones.
func newStage(dest string) (string, error) {
	parent, base := filepath.Split(dest)
	prefix := "." + base + stageMark
	if old, err := filepath.Glob(filepath.Join(parent, prefix+"*")); err == nil {
		for _, o := range old {
			if st, err := os.Lstat(o); err == nil && st.IsDir() && time.Since(st.ModTime()) > staleStage {
				_ = os.RemoveAll(o)
			}
		}
	}
	dir, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return "", fmt.Errorf("%s: cannot stage the build beside it (its parent directory must be writable): %w", dest, err)
	}
	// MkdirTemp makes it 0700; a published site is world-readable.
	if err := os.Chmod(dir, 0o755); err != nil {
		_ = os.RemoveAll(dir)
		return "", err
	}
	stages.Lock()
	stages.dirs[dir] = true
	stages.Unlock()
	return dir, nil
}

// stages are the staging directories of this process not yet published or
// discarded: an interrupt deletes them.
var stages = struct {
	sync.Mutex
	dirs map[string]bool
}{dirs: map[string]bool{}}

func forget(dir string) {
	stages.Lock()
	delete(stages.dirs, dir)
	stages.Unlock()
}

// discardOnSignal makes SIGINT and SIGTERM delete the staged builds and
// exit 130 when on; stop undoes it.
func discardOnSignal(on bool) (stop func()) {
	if !on {
		return func() {}
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			stages.Lock()
			for dir := range stages.dirs {
				// Hugo may still be writing: a second pass gets what the
				// first one raced with.
				if os.RemoveAll(dir) != nil {
					_ = os.RemoveAll(dir)
				}
			}
			os.Exit(130)
		case <-done:
		}
	}()
	return func() { signal.Stop(sigs); close(done) }
}

// awaitPublish tells irp which staged files may hold a private key and
// where the staged build is, and reads its verdict: true to publish (the
// protocol is internal/buildproto).
func awaitPublish(res Result, stdin io.Reader, stdout io.Writer) bool {
	if err := buildproto.Announce(stdout, res.Staged, res.Suspects); err != nil {
		return false
	}
	return buildproto.Verdict(stdin)
}

// Publish moves the staged build into dest. A dest that does not exist, is
// empty, or holds an earlier build (it has the search index) is replaced
// whole, so pages deleted from content/ disappear with it. Into any other
// directory the build's files are moved one top-level entry at a time,
// leaving the rest of it alone (as a plain build writing there would).
func Publish(staged, dest string) error {
	defer forget(staged)
	if err := publish(staged, dest); err != nil {
		return fmt.Errorf("publishing into %s: %w", dest, err)
	}
	return nil
}

func publish(staged, dest string) error {
	ents, err := os.ReadDir(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.Rename(staged, dest)
	case err != nil:
		return err
	}
	if _, err := os.Stat(filepath.Join(dest, IndexFile)); err == nil || len(ents) == 0 {
		return swap(staged, dest)
	}
	return merge(staged, dest)
}

// swap replaces dest with staged: dest moves aside, staged takes its name,
// then the old site is deleted.
func swap(staged, dest string) error {
	old := staged + "-old"
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(staged, dest); err != nil {
		if back := os.Rename(old, dest); back != nil {
			return fmt.Errorf("%w (and the earlier site is left in %s: %v)", err, old, back)
		}
		return err
	}
	return os.RemoveAll(old)
}

// merge moves each top-level entry of staged into dest, replacing an entry
// of the same name, then removes the empty staging directory.
func merge(staged, dest string) error {
	ents, err := os.ReadDir(staged)
	if err != nil {
		return err
	}
	for _, e := range ents {
		from, to := filepath.Join(staged, e.Name()), filepath.Join(dest, e.Name())
		if st, err := os.Lstat(to); err == nil && (st.IsDir() || e.IsDir()) {
			aside := staged + "-old-" + e.Name()
			if err := os.Rename(to, aside); err != nil {
				return err
			}
			defer os.RemoveAll(aside)
		}
		if err := os.Rename(from, to); err != nil {
			return err
		}
	}
	return os.Remove(staged)
}

// Discard deletes a staged build.
func Discard(staged string) error {
	if !strings.Contains(filepath.Base(staged), stageMark) {
		return fmt.Errorf("%s is not a staging directory", staged)
	}
	defer forget(staged)
	return os.RemoveAll(staged)
}
