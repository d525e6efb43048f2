package session

import (
	"fmt"

	"irp/internal/problem"
	"irp/internal/scenario"
)

// CheckScenarioID says whether id will do for a new scenario: a codename
// (a usage error when not) that does not give the scenario away, unless
// force. An id that does comes with a codename to use instead.
func CheckScenarioID(id string, force bool) error {
	if !scenario.ValidID(id) {
		return problem.Usagef("%q is not a codename (lowercase letters, digits and dashes, like amber-heron)", id)
	}
	if w := scenario.Revealing(id); w != "" && !force {
		err := problem.Usagef("%q gives the scenario away (%q): the id shows in file names, the ledger and session pages", id, w)
		if name, cerr := NewCodename(nil, nil); cerr == nil {
			return problem.WithHint(err, fmt.Sprintf("use a codename, e.g. irp new scenario %s (or --force to keep yours)", name))
		}
		return err
	}
	return nil
}
