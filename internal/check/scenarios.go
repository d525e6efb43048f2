package check

import "irp/internal/vault"

// scenariosStep holds every sealed scenario of the pool that the caller's
// identity opens to the pool's rules (vault.PoolProblems). Without an
// identity it checks nothing: the leak step says so.
func scenariosStep(r *run) error {
	l := r.scanner()
	if l.Skipped != "" || len(l.Scenarios) == 0 {
		return nil
	}
	for _, p := range vault.PoolProblems(r.Project, l.Scenarios) {
		r.finding(p)
	}
	return nil
}
