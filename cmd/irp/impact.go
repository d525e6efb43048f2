package main

import (
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"irp/internal/impact"
	"irp/internal/iostreams"
)

// impactOptions are the flags shared by impact and impact merge.
type impactOptions struct {
	*Factory
	impact.Options
}

func newImpactCmd(f *Factory, runF func(*impactOptions) error, merge *cobra.Command) *cobra.Command {
	o := &impactOptions{Factory: f}
	cmd := verb("impact [LOG...]", "Measure an outage's impact from muskie audit logs",
		cobra.ArbitraryArgs, o, func(args []string) { o.Logs = args }, runF, runImpact)
	fl := cmd.Flags()
	fl.StringVar(&o.From, "from", "", "window start, RFC 3339 (with --to)")
	fl.StringVar(&o.To, "to", "", "window end, RFC 3339, exclusive (with --from)")
	fl.DurationVar(&o.Bucket, "bucket", time.Minute, "time bucket for window detection and the chart")
	fl.StringVar(&o.By, "by", "operation", "group rows by one or two (comma-separated) of operation, host, route, status, owner (account uuid), shard (entryShard), client (user-agent product)")
	fl.BoolVar(&o.Partial, "partial", false, "write a mergeable partial aggregate (JSON) instead of the report")
	reportFlags(fl, &o.Options)
	cmd.AddCommand(merge)
	return cmd
}

// reportFlags add the flags that shape the report, shared by impact and
// impact merge.
func reportFlags(fl *pflag.FlagSet, o *impact.Options) {
	fl.BoolVar(&o.JSON, "json", false, "print the report as JSON")
	fl.StringVar(&o.SVG, "svg", "", "also write a chart of requests and failures per bucket to `FILE`")
	fl.BoolVarP(&o.Verbose, "verbose", "v", false, "report skipped lines: counts per reason and the first few file:line")
	fl.IntVar(&o.Top, "top", 0, "show the `N` groups with the most requests and sum the rest into an \"(other)\" row (0: all)")
}

func runImpact(o *impactOptions) error { return impact.Run(o.Options, impactStreams(o.IO)) }

// impactStreams are the command's streams, and whether a person watches
// each, as impact wants them.
func impactStreams(s iostreams.IOStreams) impact.Streams {
	return impact.Streams{In: s.In, Out: s.Out, ErrOut: s.ErrOut, Warn: warn(s.ErrOut),
		InIsTerminal: s.IsTerminal(), OutIsTerminal: s.OutIsTerminal(), ErrIsTerminal: s.ErrIsTerminal()}
}
