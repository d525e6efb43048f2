package check

import (
	"fmt"

	"irp/internal/vault"
)

// vaultStep verifies the vault: the recipients file reads, and every sealed
// file is addressed to it (vault.Check).
func vaultStep(r *run) error {
	probs, files, err := vault.Check(r.Project)
	if err != nil {
		return fmt.Errorf("vault: %w", err)
	}
	for _, p := range probs {
		r.finding(p)
	}
	if files > 0 && len(probs) == 0 {
		r.ok = append(r.ok, fmt.Sprintf("%d sealed files", files))
	}
	return nil
}
