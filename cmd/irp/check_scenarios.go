package main

import (
	"fmt"

	"irp/internal/vault"
)

// checkScenarios holds every sealed scenario of the pool that the caller's
// identity opens to the pool's rules (vault.PoolProblems). Without an
// identity it checks nothing: the leak step says so.
func checkScenarios(r *checkRun) error {
	l := r.scanner()
	if l.Skipped != "" || len(l.Scenarios) == 0 {
		return nil
	}
	for _, p := range vault.PoolProblems(r.project, l.Scenarios) {
		fmt.Fprintln(r.IO.Out, p)
		r.findings++
	}
	return nil
}
