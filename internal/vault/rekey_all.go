package vault

import (
	"errors"
	"fmt"
	"io"

	"irp/internal/problem"
)

// RekeyAll re-encrypts every sealed file to the current recipients with
// keys, as Rekey, and says so on w. It is what an organiser runs right
// after changing the recipients, so a key that opens nothing gets the hint
// to pass a key of the old list.
func RekeyAll(w io.Writer, v *Vault, keys Keys) error {
	if keys.Err != nil {
		return keys.Err
	}
	n, err := v.Rekey(keys.IDs)
	if err != nil {
		err = keys.Explain(err)
		if noID := new(NoIdentityError); errors.As(err, &noID) && noID.What != "" {
			return problem.WithHint(err, "pass a key of the old recipients with -i OLD-KEY (on a fresh copy of this repository: -i testdata/demo-instigator.key)")
		}
		return err
	}
	fmt.Fprintf(w, "re-encrypted %d file(s) to %d recipient(s)\n", n, len(v.Recipients))
	return nil
}
