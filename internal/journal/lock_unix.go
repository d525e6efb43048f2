//go:build unix

package journal

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive flock on dir until unlock is called.
func lock(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	return func() { f.Close() }, nil
}
