package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"irp/internal/ledger"
)

// checkLedger is the step of irp check that reads vault/ledger.jsonl and
// follows its hash chain: an earlier line edited or removed (someone quietly
// un-seeing a scenario), a line that is not a ledger entry, or an unknown
// event is a finding.
func checkLedger(r *checkRun) error {
	path := filepath.Join(r.project.Vault(), "ledger.jsonl")
	entries, err := ledger.Read(path)
	if err != nil {
		// Errors from the ledger start with its path; show it relative.
		msg := strings.Replace(err.Error(), path, r.project.Rel(path), 1)
		fmt.Fprintf(r.cmd.OutOrStdout(), "%s; the ledger is append-only: restore it from git (git log -p vault/ledger.jsonl)\n", msg)
		r.findings++
		return nil
	}
	if len(entries) > 0 {
		r.ok = append(r.ok, fmt.Sprintf("%d ledger entries", len(entries)))
	}
	return nil
}
