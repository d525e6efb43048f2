package main

import (
	"github.com/spf13/cobra"

	"irp/internal/impact"
)

// newImpactMergeCmd is added under impact by newImpactCmd.
func newImpactMergeCmd(f *Factory, runF func(*impactOptions) error) *cobra.Command {
	o := &impactOptions{Factory: f}
	cmd := verb("merge PARTIAL...", "Merge partial aggregates from 'irp impact --partial' into one report",
		cobra.MinimumNArgs(1), o, func(args []string) { o.Logs = args }, runF, runImpactMerge)
	reportFlags(cmd.Flags(), &o.Options)
	return cmd
}

func runImpactMerge(o *impactOptions) error { return impact.RunMerge(o.Options, impactStreams(o.IO)) }
