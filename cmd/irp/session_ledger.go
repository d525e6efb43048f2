package main

import (
	"errors"
	"fmt"

	"irp/internal/ledger"
	"irp/internal/vault"
)

// checkLedger is the step of irp check that reads vault/ledger.jsonl and
// follows its hash chain: an earlier line edited or removed (someone quietly
// un-seeing a scenario), a line that is not a ledger entry, or an unknown
// event is a finding.
func checkLedger(r *checkRun) error {
	entries, err := vault.At(r.project).Ledger()
	var le *ledger.LineError
	if errors.As(err, &le) {
		fmt.Fprintf(r.IO.Out, "%s; the ledger is append-only: restore it from git (git log -p vault/ledger.jsonl)\n", le)
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
