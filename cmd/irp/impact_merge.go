package main

import (
	"github.com/spf13/cobra"

	"irp/internal/impact"
)

// newImpactMergeCmd is added under impact by newImpactCmd.
func newImpactMergeCmd(f *Factory, runF func(*impactOptions) error) *cobra.Command {
	o := &impactOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "merge PARTIAL...",
		Short: "Merge partial aggregates from 'irp impact --partial' into one report",
		Long: `Merge reads partials written by 'irp impact --partial' and prints the report
that one pass over all their logs would give: the same window, counts,
percentages and percentiles. All partials must have been made with the
same --bucket, --by and --from/--to.

Each PARTIAL is a file, "-" for stdin, or a directory. A file or stdin may
hold several partials one after another (the input of a Manta job's reduce
phase) or the -J output of manta-oneach (one JSON result per zone, whose
stdout is that zone's partial). A directory is what 'manta-oneach --dir DIR
--put FILE' leaves: one partial per zone, named by zonename.

A zone that failed (an error, a non-zero exit status, no output, or output
that is not a partial) and a directory's file that cannot be merged are
each named on stderr, and the exit status is 1; the others are still
merged and reported.`,
		Example: `  # v2: a partial from each webapi zone through manta-oneach -J
  manta-oneach -s webapi -T 600 -J '/var/tmp/irp impact --partial /var/svc/log/*muskie*.log' | irp impact merge -
  # fetched files: manta-oneach -s webapi --dir /var/tmp/impact --put /var/tmp/irp.partial
  irp impact merge --json /var/tmp/impact
  # v1: the reduce phase of a Manta job
  irp impact merge -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Logs = args
			return runOr(runF, runImpactMerge, o)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&o.JSON, "json", false, "print the report as JSON")
	fl.StringVar(&o.SVG, "svg", "", "also write a chart of requests and failures per bucket to `FILE`")
	fl.BoolVarP(&o.Verbose, "verbose", "v", false, "report skipped lines: counts per reason and the first few file:line")
	topFlag(fl, &o.Top)
	return cmd
}

func runImpactMerge(o *impactOptions) error { return impact.RunMerge(o.Options, impactStreams(o.IO)) }
