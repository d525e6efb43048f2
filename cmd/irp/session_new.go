package main

import (
	"github.com/spf13/cobra"

	"irp/internal/session"
)

type sessionNewOptions struct {
	*Factory
	session.PlanFlags
}

func newSessionNewCmd(f *Factory, runF func(*sessionNewOptions) error) *cobra.Command {
	o := &sessionNewOptions{Factory: f}
	cmd := verb("new --scenario ID (--date TIME | --window START/END) --instigators a,b --responders c,d,e", "Plan a practice session: a draft page under content/sessions",
		cobra.NoArgs, o, nil, runF, runSessionNew)
	fl := cmd.Flags()
	fl.StringVar(&o.Scenario, "scenario", "", "id of the sealed scenario to run (irp vault pick suggests one)")
	fl.StringVar(&o.Date, "date", "", "when the incident starts, RFC 3339 (stored in UTC)")
	fl.StringVar(&o.Window, "window", "", "START/END: start at a surprise time inside this window, sealed for the instigators")
	fl.StringVar(&o.Instigators, "instigators", "", "comma-separated handles of the instigators (1 to 3)")
	fl.StringVar(&o.Responders, "responders", "", "comma-separated handles of the responders (3 to 6)")
	fl.StringVar(&o.Coordinator, "coordinator", "", "the responder who is investigation coordinator (RFD 124): posts a status report every half hour")
	return cmd
}

func runSessionNew(o *sessionNewOptions) error {
	opts, err := o.PlanFlags.Options()
	if err != nil {
		return err
	}
	env, _, err := o.session("")
	if err != nil {
		return err
	}
	return env.Plan(o.IO.Out, o.IO.ErrOut, opts)
}
