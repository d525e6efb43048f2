package main

import (
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"irp/internal/impact"
)

// impactOptions are the flags shared by impact and impact merge.
type impactOptions struct {
	*Factory
	impact.Options
}

func newImpactCmd(f *Factory, runF func(*impactOptions) error, merge *cobra.Command) *cobra.Command {
	o := &impactOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "impact [LOG...]",
		Short: "Measure an outage's impact from muskie audit logs",
		Long: `Impact reads Manta API (muskie) audit logs — bunyan JSON lines, plain or
gzip-compressed (detected by content), from the files given or from stdin —
and reports, per operation, the requests inside the outage window: how many
failed (5xx), how many were abandoned by the client (499), the failed
percentage, and p50/p99 latency in ms.

The window is --from/--to (RFC 3339) when given. Otherwise it is detected:
the span of --bucket buckets whose failure rate stands clearly above the
log's baseline (the median bucket failure rate), merged across gaps of up to
two quiet buckets. When no bucket stands out, irp says so and reports the
whole log.

--by groups the rows by operation (the default), host (the webapi zone),
route, status, owner (the account uuid in req.owner), shard (entryShard,
the moray shard of the request's metadata) or client (the user-agent's
product token: restify for node-manta, curl, ...), or by two of them
(--by operation,shard). A record without the field counts under "(none)".
--top N keeps the N largest groups and sums the others into "(other)".

Lines that are not JSON, not audit records, or lack a usable time or
res.statusCode are counted and skipped; -v shows how many of each and where
the first ones are (file:line).

Latency percentiles (nearest rank) come from logarithmic histograms: a
reported p50/p99 is within 1% of the exact latency at that rank, before
rounding to 0.01 ms (the table shows fewer digits). That keeps them mergeable:
--partial writes the counts and histograms per bucket × group × status as a
JSON partial, and 'irp impact merge' turns any number of partials into
exactly the report one pass over all the logs would give — map with
--partial on each webapi zone or log object, reduce with merge.

Exit status: 0 with a report; 1 when the input holds no audit record, or
when a file could not be read to its end (a missing file, a truncated .gz):
the report of everything read is still printed, and each such file is
named on stderr; 2 on a usage error.`,
		Example: `  irp impact /var/log/manta/muskie-audit-*.log.gz
  irp impact --from 2017-06-01T10:05:00Z --to 2017-06-01T10:37:00Z --json audit.log
  zcat audit.log.gz | irp impact --bucket 30s --svg impact.svg
  irp impact --by host -v audit-*.log
  irp impact --partial audit.log > webapi-1.partial && irp impact merge *.partial`,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			o.Logs = args
			return runOr(runF, runImpact, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.From, "from", "", "window start, RFC 3339 (with --to)")
	fl.StringVar(&o.To, "to", "", "window end, RFC 3339, exclusive (with --from)")
	fl.DurationVar(&o.Bucket, "bucket", time.Minute, "time bucket for window detection and the chart")
	fl.StringVar(&o.By, "by", "operation", "group rows by one or two (comma-separated) of operation, host, route, status, owner (account uuid), shard (entryShard), client (user-agent product)")
	fl.BoolVar(&o.JSON, "json", false, "print the report as JSON")
	fl.StringVar(&o.SVG, "svg", "", "also write a chart of requests and failures per bucket to `FILE`")
	fl.BoolVarP(&o.Verbose, "verbose", "v", false, "report skipped lines: counts per reason and the first few file:line")
	fl.BoolVar(&o.Partial, "partial", false, "write a mergeable partial aggregate (JSON) instead of the report")
	topFlag(fl, &o.Top)
	cmd.AddCommand(merge)
	return cmd
}

// topFlag adds --top, shared by impact and impact merge.
func topFlag(f *pflag.FlagSet, top *int) {
	f.IntVar(top, "top", 0, "show the `N` groups with the most requests and sum the rest into an \"(other)\" row (0: all)")
}

func runImpact(o *impactOptions) error { return impact.Run(o.Options, impactStreams(o.IO)) }

// impactStreams are the command's streams, and whether a person watches
// each, as impact wants them.
func impactStreams(s IOStreams) impact.Streams {
	return impact.Streams{In: s.In, Out: s.Out, ErrOut: s.ErrOut, Warn: warn(s.ErrOut),
		InIsTerminal: s.IsTerminal(), OutIsTerminal: s.OutIsTerminal(), ErrIsTerminal: s.ErrIsTerminal()}
}
