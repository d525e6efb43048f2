package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"irp/internal/team"
)

type sessionTrendOptions struct{ *Factory }

func newSessionTrendCmd(f *Factory, runF func(*sessionTrendOptions) error) *cobra.Command {
	o := &sessionTrendOptions{f}
	return &cobra.Command{
		Use:   "trend",
		Short: "Redraw the trend chart of the sessions list page",
		Long: `Redraw content/sessions/trend.json and trend.svg, the chart and table of
time to detect, diagnose and mitigate and hints used on the sessions list
page, from every published summary's [[timeline]] and [[hints]].

Milestones are the timeline's events, from the incident's start (start,
else the "induced" event): detected or "first response"; diagnosed or
diagnosis; mitigated or mitigation. irp session publish redraws the chart
itself; run this after editing a published summary's timeline (irp check
warns when the chart is out of date).`,
		Example: `  irp session trend`,
		Args:    cobra.NoArgs,
		RunE:    func(*cobra.Command, []string) error { return runOr(runF, runSessionTrend, o) },
	}
}

func runSessionTrend(o *sessionTrendOptions) error {
	env, _, err := o.session("")
	if err != nil {
		return err
	}
	if err := team.RedrawTrend(env); err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "redrew %s\n", env.Project.Rel(filepath.Join(env.Sessions(), team.ChartFile)))
	return nil
}
