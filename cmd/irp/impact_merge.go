package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"irp/internal/impact"
	"irp/internal/problem"
)

// newImpactMergeCmd is added under impact by newImpactCmd.
func newImpactMergeCmd(f *Factory, runF func(*impactOptions) error) *cobra.Command {
	o := &impactOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "merge PARTIAL...",
		Short: "Merge partial aggregates from 'irp impact --partial' into one report",
		Long: `Merge reads partials written by 'irp impact --partial' ("-" reads one from
stdin) and prints the report that one pass over all their logs would give:
the same window, counts, percentages and percentiles. All partials must
have been made with the same --bucket, --by and --from/--to.`,
		Example: `  # map on each webapi zone, reduce here
  manta-oneach -s webapi 'irp impact --partial /var/log/muskie-audit.log' ...
  irp impact merge webapi-*.partial --json
  irp impact merge a.partial b.partial --svg impact.svg`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Logs = args
			return runOr(runF, runImpactMerge, o)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&o.json, "json", false, "print the report as JSON")
	fl.StringVar(&o.svg, "svg", "", "also write a chart of requests and failures per bucket to `FILE`")
	fl.BoolVarP(&o.verbose, "verbose", "v", false, "report skipped lines: counts per reason and the first few file:line")
	topFlag(fl, &o.top)
	return cmd
}

func runImpactMerge(o *impactOptions) error {
	var agg *impact.Aggregate
	for i, name := range o.Logs {
		a, err := readPartial(o.IO.In, name, i)
		if err != nil {
			return err
		}
		if agg == nil {
			agg = a
		} else if err := agg.Merge(a); err != nil {
			return problem.WithHint(fmt.Errorf("merging %s: %w", name, err),
				"make every partial with the same --bucket, --by and --from/--to")
		}
	}
	return writeReport(o, agg)
}

func readPartial(stdin io.Reader, name string, i int) (*impact.Aggregate, error) {
	if name == "-" {
		a, err := impact.ReadPartial(stdin, i)
		if err != nil {
			return nil, fmt.Errorf("reading the partial on stdin: %w", err)
		}
		return a, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("reading partial: %w", err)
	}
	defer f.Close()
	a, err := impact.ReadPartial(f, i)
	if err != nil {
		return nil, fmt.Errorf("reading partial %s: %w", name, err)
	}
	return a, nil
}
