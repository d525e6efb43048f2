package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"irp/internal/team"
)

func init() { addCommand("session", newSessionTrendCmd) }

func newSessionTrendCmd() *cobra.Command {
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			env, err := sessionEnv()
			if err != nil {
				return wrapf(err, "session trend")
			}
			if err := redrawTrend(env); err != nil {
				return wrapf(err, "session trend")
			}
			fmt.Fprintf(cmd.OutOrStdout(), "redrew %s\n", env.Project.Rel(filepath.Join(env.Sessions(), team.ChartFile)))
			return nil
		},
	}
}
