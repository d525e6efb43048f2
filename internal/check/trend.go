package check

import (
	"fmt"
	"strings"

	"irp/internal/session"
	"irp/internal/team"
)

// trendStep warns, without failing the check, when trend.json or trend.svg no
// longer match the published summaries.
func trendStep(r *run) error {
	env, err := session.Load(r.Project)
	if err != nil {
		return nil // the vault and ledger steps report it
	}
	stale, err := team.StaleTrend(env)
	if err != nil || len(stale) == 0 {
		return nil
	}
	for i, p := range stale {
		stale[i] = r.Project.Rel(p)
	}
	fmt.Fprintf(r.Out, "%s: warning: the trend chart is out of date with the published summaries (irp session trend redraws it)\n", strings.Join(stale, ", "))
	return nil
}
