package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/session"
)

type sessionNewOptions struct {
	*Factory
	session.Options
	date, window, instigators, responders string
}

func newSessionNewCmd(f *Factory, runF func(*sessionNewOptions) error) *cobra.Command {
	o := &sessionNewOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "new --scenario ID (--date TIME | --window START/END) --instigators a,b --responders c,d,e",
		Short: "Plan a practice session: a draft page under content/sessions",
		Long: `Write content/sessions/<YYYY-MM-DD>-<codename>/index.md, the draft plan of a
session: its date (UTC), scenario, instigators and responders, status planned.
The codename is random (adjective-bird) and says nothing about the scenario:
it is never a scenario's id and shares no word with this scenario's id.

With --window the incident starts at a surprise time: irp picks a minute
inside the window at random, seals it to the vault's recipients in
vault/sessions/<dir>.age (an instigator reads it with
age -d -i KEY), and the page shows only the window. --date may be given too;
the window must then lie on its day.

content/sessions/plans.json and sessions.ics (the calendar feed) are
rewritten to include the new plan. Then run irp session check on it.`,
		Example: `  irp session new --scenario amber-heron --date 2026-12-01T13:00:00Z \
      --instigators ana,ben --responders cy,dee,eli,fay
  irp session new --scenario amber-heron --window 2026-12-01T13:00Z/2026-12-01T17:00Z \
      --instigators ana --responders cy,dee,eli`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return runOr(runF, runSessionNew, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Scenario, "scenario", "", "id of the sealed scenario to run (irp vault pick suggests one)")
	fl.StringVar(&o.date, "date", "", "when the incident starts, RFC 3339 (stored in UTC)")
	fl.StringVar(&o.window, "window", "", "START/END: start at a surprise time inside this window, sealed for the instigators")
	fl.StringVar(&o.instigators, "instigators", "", "comma-separated handles of the instigators (1 to 3)")
	fl.StringVar(&o.responders, "responders", "", "comma-separated handles of the responders (3 to 6)")
	fl.StringVar(&o.Coordinator, "coordinator", "", "the responder who is investigation coordinator (RFD 124): posts a status report every half hour")
	return cmd
}

func runSessionNew(o *sessionNewOptions) error {
	if o.Scenario == "" {
		return problem.WithHint(problem.Usagef("--scenario is required"), "irp vault pick --responders ... suggests one nobody has seen")
	}
	if o.date == "" && o.window == "" {
		return problem.Usagef("give --date or --window")
	}
	if o.date != "" {
		t, err := session.ParseTime(o.date)
		if err != nil {
			return problem.Usage(fmt.Errorf("--date: %w", err))
		}
		o.Date = t
	}
	if o.window != "" {
		s, e, err := session.ParseWindow(o.window)
		if err != nil {
			return problem.Usage(fmt.Errorf("--window: %w", err))
		}
		if o.date != "" && (s.Format(time.DateOnly) != o.Date.Format(time.DateOnly)) {
			return problem.Usagef("--window %s is not on the day of --date %s", o.window, o.date)
		}
		o.WindowStart, o.WindowEnd = s, e
	}
	o.Instigators, o.Responders = splitList(o.instigators), splitList(o.responders)
	for _, t := range []struct {
		role  string
		names []string
	}{{"instigators", o.Instigators}, {"responders", o.Responders}} {
		if err := session.CheckTeam(t.role, t.names); err != nil {
			return problem.Usage(fmt.Errorf("--%w", err))
		}
	}
	if o.Coordinator != "" && !slices.Contains(o.Responders, o.Coordinator) {
		return problem.Usagef("--coordinator: %s is not one of the responders", o.Coordinator)
	}
	env, _, err := o.session("")
	if err != nil {
		return err
	}
	plan, bad, err := env.New(o.Options)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "planned %s: %s\n", plan.Codename, env.Project.Rel(plan.Dir+"/index.md"))
	if !plan.Start.IsZero() {
		fmt.Fprintf(o.IO.Out, "surprise start sealed to %d recipient(s) in vault/sessions/%s.age; the page shows only the window\n",
			len(env.Vault.Recipients), plan.Name)
	}
	if when := o.Date; !when.IsZero() && o.WindowStart.IsZero() && when.Before(o.Now()) {
		fmt.Fprintf(o.IO.ErrOut, "warning: --date %s is in the past: a plan is for a session still to come (to record one that happened, fill in its page and irp session publish)\n", when.UTC().Format(time.RFC3339))
	} else if !o.WindowEnd.IsZero() && o.WindowEnd.Before(o.Now()) {
		fmt.Fprintf(o.IO.ErrOut, "warning: --window %s is in the past\n", o.window)
	}
	fmt.Fprintf(o.IO.Out, "next: irp session check %s\n", env.Project.Rel(plan.Dir))
	reportFeed(o.IO.ErrOut, bad)
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
