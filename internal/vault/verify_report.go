package vault

import (
	"fmt"
	"io"

	"filippo.io/age"
)

// VerifyAll verifies every sealed file, as Verify, and with mine also opens
// each with keys. Each problem is a line on problems and the error counts
// them; a clean vault is one line on out.
func VerifyAll(out, problems io.Writer, v *Vault, mine bool, keys Keys) error {
	if !v.HasFile {
		return v.missingRecipients()
	}
	var ids []age.Identity
	if mine {
		if keys.Err != nil {
			return keys.Err
		}
		ids = keys.IDs
	}
	probs, err := v.Verify(ids)
	if err != nil {
		return err
	}
	for _, p := range probs {
		fmt.Fprintf(problems, "%s\n", p)
	}
	if len(probs) > 0 {
		return fmt.Errorf("%d problem(s)", len(probs))
	}
	files, _ := v.Files()
	how := "addressed to"
	if mine {
		how = "open with your identity and are addressed to"
	}
	fmt.Fprintf(out, "ok: %d sealed file(s) %s the %d recipient(s)\n", len(files), how, len(v.Recipients))
	return nil
}
