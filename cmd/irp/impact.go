package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"irp/internal/atomicfile"
	"irp/internal/impact"
	"irp/internal/problem"
)

// impactOptions are the flags shared by impact and impact merge.
type impactOptions struct {
	*Factory
	Logs     []string // impact: the logs; merge: the partials
	from, to string
	bucket   time.Duration
	by       string
	json     bool
	svg      string
	verbose  bool
	partial  bool
	top      int
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
	fl.StringVar(&o.from, "from", "", "window start, RFC 3339 (with --to)")
	fl.StringVar(&o.to, "to", "", "window end, RFC 3339, exclusive (with --from)")
	fl.DurationVar(&o.bucket, "bucket", time.Minute, "time bucket for window detection and the chart")
	fl.StringVar(&o.by, "by", "operation", "group rows by one or two (comma-separated) of operation, host, route, status, owner (account uuid), shard (entryShard), client (user-agent product)")
	fl.BoolVar(&o.json, "json", false, "print the report as JSON")
	fl.StringVar(&o.svg, "svg", "", "also write a chart of requests and failures per bucket to `FILE`")
	fl.BoolVarP(&o.verbose, "verbose", "v", false, "report skipped lines: counts per reason and the first few file:line")
	fl.BoolVar(&o.partial, "partial", false, "write a mergeable partial aggregate (JSON) instead of the report")
	topFlag(fl, &o.top)
	cmd.AddCommand(merge)
	return cmd
}

// topFlag adds --top, shared by impact and impact merge.
func topFlag(f *pflag.FlagSet, top *int) {
	f.IntVar(top, "top", 0, "show the `N` groups with the most requests and sum the rest into an \"(other)\" row (0: all)")
}

func (o *impactOptions) params() (impact.Params, error) {
	p := impact.Params{Bucket: o.bucket}
	if o.top < 0 {
		return p, problem.Usagef("--top must be 0 (all) or more, got %d", o.top)
	}
	if o.bucket <= 0 {
		return p, problem.Usagef("--bucket must be positive, got %s", o.bucket)
	}
	by, err := impact.ParsePivot(o.by)
	if err != nil {
		return p, problem.Usage(fmt.Errorf("--by: %w", err))
	}
	p.By = by
	if (o.from == "") != (o.to == "") {
		return p, problem.WithHint(problem.Usagef("--from and --to go together"),
			"give both, or neither to detect the window")
	}
	if o.from != "" {
		from, err := time.Parse(time.RFC3339Nano, o.from)
		if err != nil {
			return p, problem.Usagef("--from: %q is not an RFC 3339 time (like 2017-06-01T10:05:00Z)", o.from)
		}
		to, err := time.Parse(time.RFC3339Nano, o.to)
		if err != nil {
			return p, problem.Usagef("--to: %q is not an RFC 3339 time (like 2017-06-01T10:37:00Z)", o.to)
		}
		if !from.Before(to) {
			return p, problem.Usagef("--from %s is not before --to %s", o.from, o.to)
		}
		p.Fixed, p.From, p.To = true, from.UnixNano(), to.UnixNano()
	}
	return p, nil
}

func runImpact(o *impactOptions) error {
	p, err := o.params()
	if err != nil {
		return err
	}
	if o.partial && (o.json || o.svg != "") {
		return problem.Usagef("--partial writes the aggregate only; use --json and --svg with 'irp impact merge'")
	}
	if err := checkOutputDir(o.svg); err != nil {
		return err
	}
	var inputs []impact.Input
	for _, a := range o.Logs {
		if a == "-" {
			inputs = append(inputs, impact.Input{Name: "(stdin)", Reader: o.IO.In})
		} else {
			inputs = append(inputs, impact.Input{Name: a})
		}
	}
	if len(inputs) == 0 {
		if o.IO.IsTerminal() {
			fmt.Fprintln(o.IO.ErrOut, "irp: reading audit log lines from the terminal (Ctrl-D to end)")
		}
		inputs = []impact.Input{{Name: "(stdin)", Reader: o.IO.In}}
	}
	var meter impact.Meter
	stop := func() {}
	// Progress on stderr while a person watches it, unless the data on
	// stdout (JSON, a partial) goes to a file or a pipe.
	if o.IO.ErrIsTerminal() && (!(o.json || o.partial) || o.IO.OutIsTerminal()) {
		stop = impact.ShowProgress(o.IO.ErrOut, &meter, totalSize(inputs), len(inputs), 250*time.Millisecond)
	}
	agg, fileErrs := impact.Read(p, inputs, &meter)
	stop()
	if o.partial {
		if err := agg.WritePartial(o.IO.Out); err != nil {
			return fmt.Errorf("writing the partial: %w", err)
		}
		if o.verbose {
			impact.WriteSkipped(o.IO.ErrOut, agg.Skips, agg.Samples)
		}
		return reportFileErrors(o.IO.ErrOut, fileErrs)
	}
	err = writeReport(o, agg)
	if ferr := reportFileErrors(o.IO.ErrOut, fileErrs); ferr != nil {
		// "No audit records" says nothing more when no input could be read.
		nothingRead := agg.Lines == 0 && errors.Is(err, impact.ErrNoRecords)
		if err != nil && !errors.Is(err, problem.Found) && !nothingRead {
			fmt.Fprintf(o.IO.ErrOut, "irp: impact: %s\n", err)
		}
		return ferr
	}
	return err
}

// totalSize is the bytes of the input files; 0 (unknown) when one is stdin.
func totalSize(inputs []impact.Input) int64 {
	var n int64
	for _, in := range inputs {
		if in.Reader != nil {
			return 0
		}
		if fi, err := os.Stat(in.Name); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// writeReport prints the report of an aggregate as text or JSON, and the chart.
func writeReport(o *impactOptions, agg *impact.Aggregate) error {
	rep, err := impact.Summarize(agg)
	if err != nil {
		if errors.Is(err, impact.ErrNoRecords) {
			if o.verbose {
				impact.WriteSkipped(o.IO.ErrOut, agg.Skips, agg.Samples)
			}
			return problem.WithHint(err, "impact reads muskie audit logs: bunyan JSON lines with \"audit\": true (-v lists skipped lines)")
		}
		return err
	}
	if o.verbose {
		rep.WriteSamples(o.IO.ErrOut)
	}
	rep.Top(o.top)
	out := o.IO.Out
	if o.json {
		err = rep.WriteJSON(out)
	} else {
		err = rep.WriteText(out)
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if o.svg != "" {
		if err := atomicfile.WriteWith(o.svg, 0o644, rep.WriteSVG); err != nil {
			return fmt.Errorf("writing %s: %w", o.svg, err)
		}
	}
	return nil
}

// reportFileErrors names each input that could not be read fully.
func reportFileErrors(w io.Writer, errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	for _, e := range errs {
		fmt.Fprintf(w, "irp: reading %s\n", e)
	}
	return problem.Found
}

// checkOutputDir fails early, before gigabytes of logs are read, when the
// chart could not be written because its directory is missing.
func checkOutputDir(path string) error {
	if path == "" {
		return nil
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("--svg %s: directory %s: %w", path, dir, errors.Unwrap(err))
	case !fi.IsDir():
		return fmt.Errorf("--svg %s: %s is not a directory", path, dir)
	}
	return nil
}
