package session

import (
	"fmt"
	"io"
	"slices"
	"time"

	"irp/internal/problem"
)

// PlanFlags are irp session new's flags as typed.
type PlanFlags struct {
	Scenario, Date, Window  string
	Instigators, Responders string // comma-separated handles
	Coordinator             string
}

// Options checks the flags and reads them into the Options of a plan; a
// mistake is a usage error.
func (f PlanFlags) Options() (Options, error) {
	o := Options{Scenario: f.Scenario, Coordinator: f.Coordinator, window: f.Window}
	if o.Scenario == "" {
		return o, problem.WithHint(problem.Usagef("--scenario is required"), "irp vault pick --responders ... suggests one nobody has seen")
	}
	if f.Date == "" && f.Window == "" {
		return o, problem.Usagef("give --date or --window")
	}
	if f.Date != "" {
		t, err := ParseTime(f.Date)
		if err != nil {
			return o, problem.Usage(fmt.Errorf("--date: %w", err))
		}
		o.Date = t
	}
	if f.Window != "" {
		s, e, err := ParseWindow(f.Window)
		if err != nil {
			return o, problem.Usage(fmt.Errorf("--window: %w", err))
		}
		if f.Date != "" && (s.Format(time.DateOnly) != o.Date.Format(time.DateOnly)) {
			return o, problem.Usagef("--window %s is not on the day of --date %s", f.Window, f.Date)
		}
		o.WindowStart, o.WindowEnd = s, e
	}
	o.Instigators, o.Responders = SplitNames(f.Instigators), SplitNames(f.Responders)
	for _, t := range []struct {
		role  string
		names []string
	}{{"instigators", o.Instigators}, {"responders", o.Responders}} {
		if err := CheckTeam(t.role, t.names); err != nil {
			return o, problem.Usage(fmt.Errorf("--%w", err))
		}
	}
	if o.Coordinator != "" && !slices.Contains(o.Responders, o.Coordinator) {
		return o, problem.Usagef("--coordinator: %s is not one of the responders", o.Coordinator)
	}
	return o, nil
}

// Plan plans a session, as New, and says on out where its page is and what
// to do next; on warn, a date in the past and the pages the feed left out.
func (e *Env) Plan(out, warn io.Writer, o Options) error {
	plan, bad, err := e.New(o)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "planned %s: %s\n", plan.Codename, e.Project.Rel(plan.Dir+"/index.md"))
	if !plan.Start.IsZero() {
		fmt.Fprintf(out, "surprise start sealed to %d recipient(s) in vault/sessions/%s.age; the page shows only the window\n",
			len(e.Vault.Recipients), plan.Name)
	}
	if when := o.Date; !when.IsZero() && o.WindowStart.IsZero() && when.Before(e.Now()) {
		fmt.Fprintf(warn, "warning: --date %s is in the past: a plan is for a session still to come (to record one that happened, fill in its page and irp session publish)\n", when.UTC().Format(time.RFC3339))
	} else if !o.WindowEnd.IsZero() && o.WindowEnd.Before(e.Now()) {
		fmt.Fprintf(warn, "warning: --window %s is in the past\n", o.window)
	}
	fmt.Fprintf(out, "next: irp session check %s\n", e.Project.Rel(plan.Dir))
	ReportFeed(warn, bad)
	return nil
}
