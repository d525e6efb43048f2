package vault

import (
	"fmt"
	"io"
)

// EditScenario runs the editor on scenario id with keys, as Edit, and says
// on w whether it was sealed again and at which revision.
func EditScenario(w io.Writer, v *Vault, id string, keys Keys, ed Editor) error {
	if keys.Err != nil {
		return keys.Err
	}
	changed, err := v.Edit(id, keys.IDs, ed)
	if err != nil {
		return keys.Explain(err)
	}
	if !changed {
		fmt.Fprintf(w, "%s unchanged: nothing sealed\n", id)
		return nil
	}
	s, err := v.Open(id, keys.IDs)
	if err != nil {
		return fmt.Errorf("reading back: %w", keys.Explain(err))
	}
	fmt.Fprintf(w, "sealed %s (revision %d) to %d recipient(s)\n", id, s.Revision, len(v.Recipients))
	return nil
}
