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
	fl := cmd.Flags()
	fl.BoolVar(&o.JSON, "json", false, "print the report as JSON")
	fl.StringVar(&o.SVG, "svg", "", "also write a chart of requests and failures per bucket to `FILE`")
	fl.BoolVarP(&o.Verbose, "verbose", "v", false, "report skipped lines: counts per reason and the first few file:line")
	topFlag(fl, &o.Top)
	return cmd
}

func runImpactMerge(o *impactOptions) error { return impact.RunMerge(o.Options, impactStreams(o.IO)) }
