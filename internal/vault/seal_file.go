package vault

import (
	"fmt"
	"io"
	"os"
)

// SealFile seals the plaintext src read from file, as Seal, says on out
// what it sealed and on warn which passages it shares with other sealed
// scenarios, then removes file unless keep.
func SealFile(out, warn io.Writer, v *Vault, file string, src []byte, o SealOptions, keep bool) error {
	s, err := Seal(v, file, src, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sealed %s (revision %d) to %d recipient(s): %s (%s)\n", s.ID, s.Revision, len(v.Recipients), s.File, s.Checked)
	for _, sh := range s.Shared {
		fmt.Fprintf(warn, "warning: %s's %s shares %q with sealed scenario %s: retiring either would publish the other's text (reword it: irp vault edit %s)\n",
			s.ID, sh.Section, sh.Passage+" …", sh.Other, s.ID)
	}
	if keep {
		return nil
	}
	if err := os.Remove(file); err != nil {
		return fmt.Errorf("sealed, but removing the plaintext: %w", err)
	}
	fmt.Fprintf(out, "removed the plaintext %s (--keep keeps it)\n", file)
	return nil
}
