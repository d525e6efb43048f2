//go:build !linux

package vault

import "os"

// syncFS makes the files durable with an fsync each.
func syncFS(dir string, files []string) error {
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
