package main

import (
	"github.com/spf13/cobra"

	"irp/internal/team"
)

type sessionTrendOptions struct{ *Factory }

func newSessionTrendCmd(f *Factory, runF func(*sessionTrendOptions) error) *cobra.Command {
	o := &sessionTrendOptions{f}
	return verb("trend", "Redraw the trend chart of the sessions list page",
		cobra.NoArgs, o, nil, runF, runSessionTrend)
}

func runSessionTrend(o *sessionTrendOptions) error {
	env, _, err := o.session("")
	if err != nil {
		return err
	}
	return team.Redraw(o.IO.Out, env)
}
