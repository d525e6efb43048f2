package check

import "fmt"

// leakStep looks under content/ and in the scratch build of the site for
// sealed scenario text and private keys. When the pool could not be
// opened it says so on ErrOut and looks for keys only.
func leakStep(r *run) error {
	l := r.scanner()
	l.SaySkipped(r.ErrOut)
	found, err := l.Scan(r.site, r.Project.Content())
	if err != nil {
		return fmt.Errorf("leak check: %w", err)
	}
	for _, f := range found {
		r.finding(f)
	}
	if covered := l.Covered(); covered != "" {
		r.ok = append(r.ok, covered)
	}
	return nil
}
