package check

import (
	"errors"
	"fmt"

	"irp/internal/ledger"
	"irp/internal/vault"
)

// ledgerStep reads vault/ledger.jsonl and follows its hash chain: an
// earlier line edited or removed (someone quietly un-seeing a scenario), a
// line that is not a ledger entry, or an unknown event is a finding.
func ledgerStep(r *run) error {
	entries, err := vault.At(r.Project).Ledger()
	var le *ledger.LineError
	if errors.As(err, &le) {
		fmt.Fprintf(r.Out, "%s; the ledger is append-only: restore it from git (git log -p vault/ledger.jsonl)\n", le)
		r.findings++
		return nil
	}
	if err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	if len(entries) > 0 {
		r.ok = append(r.ok, fmt.Sprintf("%d ledger entries", len(entries)))
	}
	return nil
}
