package vault

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"filippo.io/age"
)

// staleTemp matches the temp files writeAtomic leaves behind when killed.
var staleTemp = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\..+\.age[0-9]+$`) })

// Rekey re-encrypts every sealed file to the current recipients, each file
// replaced atomically, using all CPUs. It first opens every file, so it
// changes nothing unless ids open them all. An interrupted run leaves each
// file whole (old or new recipients) and can simply be run again.
func (v *Vault) Rekey(ids []age.Identity) (int, error) {
	if len(v.Recipients) == 0 {
		return 0, errNoRecipients
	}
	if err := v.removeStaleTemps(); err != nil {
		return 0, err
	}
	names, err := v.Files()
	if err != nil {
		return 0, err
	}
	plain := make([][]byte, len(names))
	if err := parallel(len(names), func(i int) error {
		pt, err := v.decrypt(v.path(names[i]), ids)
		plain[i] = pt
		return err
	}); err != nil {
		return 0, err
	}
	// Encrypt into temp files, make them durable with one filesystem sync,
	// then rename each over its original: every rename is atomic and only
	// ever installs a complete, synced file.
	temps := make([]string, len(names))
	err = parallel(len(names), func(i int) error {
		ct, err := v.encrypt(plain[i])
		if err != nil {
			return err
		}
		temps[i], err = writeTemp(v.path(names[i]), ct)
		return err
	})
	if err == nil {
		err = syncFS(v.Dir, temps)
	}
	if err != nil {
		for _, t := range temps {
			if t != "" {
				os.Remove(t)
			}
		}
		return 0, fmt.Errorf("rekey stopped before changing any file: %w", err)
	}
	for i, t := range temps {
		if err := os.Rename(t, v.path(names[i])); err != nil {
			return i, fmt.Errorf("rekey stopped (run it again to finish): %w", err)
		}
	}
	return len(names), syncDirs(v.Dir)
}

// writeTemp writes data to a new hidden temp file next to path, without
// syncing it, and returns its name. Its name matches staleTemp.
func writeTemp(path string, data []byte) (string, error) {
	for {
		name := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s%d", filepath.Base(path), rand.Int64()))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(name)
			return "", err
		}
		return name, nil
	}
}

// parallel runs f(0..n-1) on all CPUs and returns the first error.
func parallel(n int, f func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	next := make(chan int)
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := f(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		mu.Lock()
		stop := first != nil
		mu.Unlock()
		if stop {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

func (v *Vault) removeStaleTemps() error {
	return filepath.WalkDir(v.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() && staleTemp().MatchString(d.Name()) {
			return os.Remove(path)
		}
		return nil
	})
}

// syncDirs fsyncs every directory under dir so the renames are durable.
func syncDirs(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || (path != dir && strings.HasPrefix(d.Name(), ".")) {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}
