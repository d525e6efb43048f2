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

func init() { addCommand("session", newSessionNewCmd) }

func newSessionNewCmd() *cobra.Command {
	var o session.Options
	var date, window, instigators, responders string
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
the window must then lie on its day. --coordinator names the responder who
keeps track of the threads of investigation and posts a status report in
the chat every half hour (RFD 124); irp session check suggests one.

content/sessions/plans.json and sessions.ics (the calendar feed) are
rewritten to include the new plan. Then run irp session check on it.`,
		Example: `  irp session new --scenario amber-heron --date 2026-12-01T13:00:00Z \
      --instigators ana,ben --responders cy,dee,eli,fay
  irp session new --scenario amber-heron --window 2026-12-01T13:00Z/2026-12-01T17:00Z \
      --instigators ana --responders cy,dee,eli`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.Scenario == "" {
				return problem.WithHint(problem.Usagef("session new: --scenario is required"), "irp vault pick --responders ... suggests one nobody has seen")
			}
			if date == "" && window == "" {
				return problem.Usagef("session new: give --date or --window")
			}
			if date != "" {
				t, err := session.ParseTime(date)
				if err != nil {
					return problem.Usage(fmt.Errorf("--date: %w", err))
				}
				o.Date = t
			}
			if window != "" {
				s, e, err := session.ParseWindow(window)
				if err != nil {
					return problem.Usage(fmt.Errorf("--window: %w", err))
				}
				if date != "" && (s.Format(time.DateOnly) != o.Date.Format(time.DateOnly)) {
					return problem.Usagef("--window %s is not on the day of --date %s", window, date)
				}
				o.WindowStart, o.WindowEnd = s, e
			}
			o.Instigators, o.Responders = splitList(instigators), splitList(responders)
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
			env, err := sessionEnv()
			if err != nil {
				return wrapf(err, "session new")
			}
			plan, bad, err := env.New(o)
			if err != nil {
				return wrapf(err, "session new")
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "planned %s: %s\n", plan.Codename, env.Project.Rel(plan.Dir+"/index.md"))
			if !plan.Start.IsZero() {
				fmt.Fprintf(out, "surprise start sealed to %d recipient(s) in vault/sessions/%s.age; the page shows only the window\n",
					len(env.Vault.Recipients), plan.Name)
			}
			fmt.Fprintf(out, "next: irp session check %s\n", env.Project.Rel(plan.Dir))
			reportFeed(cmd.ErrOrStderr(), bad)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Scenario, "scenario", "", "id of the sealed scenario to run (irp vault pick suggests one)")
	f.StringVar(&date, "date", "", "when the incident starts, RFC 3339 (stored in UTC)")
	f.StringVar(&window, "window", "", "START/END: start at a surprise time inside this window, sealed for the instigators")
	f.StringVar(&instigators, "instigators", "", "comma-separated handles of the instigators (1 to 3)")
	f.StringVar(&responders, "responders", "", "comma-separated handles of the responders (3 to 6)")
	f.StringVar(&o.Coordinator, "coordinator", "", "the responder who is investigation coordinator (RFD 124): posts a status report every half hour")
	return cmd
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
