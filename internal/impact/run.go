package impact

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"irp/internal/atomicfile"
	"irp/internal/problem"
)

// Options are the flags of `irp impact` and `irp impact merge`.
type Options struct {
	Logs     []string // impact: the logs ("-" is stdin); merge: the partials
	From, To string   // the window, RFC 3339; both or neither
	Bucket   time.Duration
	By       string // the pivot, as ParsePivot reads it
	JSON     bool
	SVG      string // a chart's file, when set
	Verbose  bool
	Partial  bool
	Top      int
}

// Streams are where Run and RunMerge read and write, and whether a person
// watches each (progress goes to ErrOut only then).
type Streams struct {
	In                                         io.Reader
	Out, ErrOut                                io.Writer
	InIsTerminal, OutIsTerminal, ErrIsTerminal bool
	// Warn is told, as it happens, what the run goes on without: a
	// *FileError (a log not read to its end), a *ZoneError (a partial not
	// merged), or ErrTerminalInput. Nil writes each on ErrOut as it is.
	Warn func(error)
}

// ErrTerminalInput is a warning, not a failure: Run reads the audit log
// from stdin, which is a terminal, so it waits for lines until Ctrl-D.
var ErrTerminalInput = errors.New("reading audit log lines from the terminal (Ctrl-D to end)")

// warn tells s.Warn about err, or writes it on ErrOut.
func (s Streams) warn(err error) {
	if s.Warn != nil {
		s.Warn(err)
		return
	}
	fmt.Fprintln(s.ErrOut, err)
}

// Params checks the flags that fix how lines are aggregated; a wrong one
// is a usage error.
func (o Options) Params() (Params, error) {
	p := Params{Bucket: o.Bucket}
	if o.Top < 0 {
		return p, problem.Usagef("--top must be 0 (all) or more, got %d", o.Top)
	}
	if o.Bucket <= 0 {
		return p, problem.Usagef("--bucket must be positive, got %s", o.Bucket)
	}
	by, err := ParsePivot(o.By)
	if err != nil {
		return p, problem.Usage(fmt.Errorf("--by: %w", err))
	}
	p.By = by
	if (o.From == "") != (o.To == "") {
		return p, problem.WithHint(problem.Usagef("--from and --to go together"),
			"give both, or neither to detect the window")
	}
	if o.From != "" {
		from, err := time.Parse(time.RFC3339Nano, o.From)
		if err != nil {
			return p, problem.Usagef("--from: %q is not an RFC 3339 time (like 2017-06-01T10:05:00Z)", o.From)
		}
		to, err := time.Parse(time.RFC3339Nano, o.To)
		if err != nil {
			return p, problem.Usagef("--to: %q is not an RFC 3339 time (like 2017-06-01T10:37:00Z)", o.To)
		}
		if !from.Before(to) {
			return p, problem.Usagef("--from %s is not before --to %s", o.From, o.To)
		}
		p.Fixed, p.From, p.To = true, from.UnixNano(), to.UnixNano()
	}
	return p, nil
}

// Run is `irp impact`: it reads o.Logs (stdin when there are none) and
// prints the report, or with o.Partial the aggregate as a partial. Each
// log that could not be read to its end is a warning (a *FileError), and
// the error is then problem.Found, or the report's own error when there is
// one besides; the report of everything read is still printed.
func Run(o Options, s Streams) error {
	p, err := o.Params()
	if err != nil {
		return err
	}
	if o.Partial && (o.JSON || o.SVG != "") {
		return problem.Usagef("--partial writes the aggregate only; use --json and --svg with 'irp impact merge'")
	}
	if err := checkOutputDir(o.SVG); err != nil {
		return err
	}
	var inputs []Input
	for _, a := range o.Logs {
		if a == "-" {
			inputs = append(inputs, Input{Name: "(stdin)", Reader: s.In})
		} else {
			inputs = append(inputs, Input{Name: a})
		}
	}
	if len(inputs) == 0 {
		if s.InIsTerminal {
			s.warn(ErrTerminalInput)
		}
		inputs = []Input{{Name: "(stdin)", Reader: s.In}}
	}
	var meter Meter
	stop := func() {}
	// Progress on stderr while a person watches it, unless the data on
	// stdout (JSON, a partial) goes to a file or a pipe.
	if s.ErrIsTerminal && (!(o.JSON || o.Partial) || s.OutIsTerminal) {
		stop = ShowProgress(s.ErrOut, &meter, totalSize(inputs), len(inputs), 250*time.Millisecond)
	}
	agg, fileErrs := Read(p, inputs, &meter)
	stop()
	if o.Partial {
		if err := agg.WritePartial(s.Out); err != nil {
			return fmt.Errorf("writing the partial: %w", err)
		}
		if o.Verbose {
			WriteSkipped(s.ErrOut, agg.Skips, agg.Samples)
		}
		return warnFileErrors(s, fileErrs)
	}
	err = writeReport(o, s, agg)
	if ferr := warnFileErrors(s, fileErrs); ferr != nil {
		// "No audit records" says nothing more when no input could be
		// read, and needs no hint when some could not.
		if err == nil || agg.Lines == 0 && errors.Is(err, ErrNoRecords) {
			return ferr
		}
		return err
	}
	return noRecordsHint(err)
}

// RunMerge is `irp impact merge`: it merges the partials of o.Logs (files,
// directories, "-" for stdin) and prints the report. A zone left out is a
// warning (a *ZoneError) and makes the error problem.Found.
func RunMerge(o Options, s Streams) error {
	var m Merger
	for _, name := range o.Logs {
		if err := readMergeInput(s.In, &m, name); err != nil {
			var mismatch *MismatchError
			if errors.As(err, &mismatch) {
				return problem.WithHint(fmt.Errorf("merging %s: %w", name, err),
					"make every partial with the same --bucket, --by and --from/--to")
			}
			return err
		}
	}
	for _, z := range m.Failed {
		s.warn(z)
	}
	if m.Aggregate() == nil {
		return errors.New("no partial to merge")
	}
	if err := writeReport(o, s, m.Aggregate()); err != nil {
		return noRecordsHint(err)
	}
	if len(m.Failed) > 0 {
		return problem.Found
	}
	return nil
}

// totalSize is the bytes of the input files; 0 (unknown) when one is stdin.
func totalSize(inputs []Input) int64 {
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
func writeReport(o Options, s Streams, agg *Aggregate) error {
	rep, err := Summarize(agg)
	if err != nil {
		if errors.Is(err, ErrNoRecords) && o.Verbose {
			WriteSkipped(s.ErrOut, agg.Skips, agg.Samples)
		}
		return err
	}
	if o.Verbose {
		rep.WriteSamples(s.ErrOut)
	}
	rep.Top(o.Top)
	if o.JSON {
		err = rep.WriteJSON(s.Out)
	} else {
		err = rep.WriteText(s.Out)
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if o.SVG != "" {
		if err := atomicfile.WriteWith(o.SVG, 0o644, rep.WriteSVG); err != nil {
			return fmt.Errorf("writing %s: %w", o.SVG, err)
		}
	}
	return nil
}

// warnFileErrors warns of each input that could not be read fully; they
// make the run's error problem.Found.
func warnFileErrors(s Streams, errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	for _, e := range errs {
		s.warn(e)
	}
	return problem.Found
}

// noRecordsHint says what impact reads when err is that it found no audit
// record.
func noRecordsHint(err error) error {
	if errors.Is(err, ErrNoRecords) {
		return problem.WithHint(err, "impact reads muskie audit logs: bunyan JSON lines with \"audit\": true (-v lists skipped lines)")
	}
	return err
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

// readMergeInput merges one argument of impact merge: "-", a file or a
// directory.
func readMergeInput(stdin io.Reader, m *Merger, name string) error {
	if name == "-" {
		if err := m.Read(stdin); err != nil {
			return fmt.Errorf("reading the partial on stdin: %w", err)
		}
		return nil
	}
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("reading partial: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		if err := m.ReadDir(name); err != nil {
			return fmt.Errorf("reading partials: %w", err)
		}
		return nil
	}
	if err := m.Read(f); err != nil {
		var mismatch *MismatchError
		if errors.As(err, &mismatch) {
			return err
		}
		return fmt.Errorf("reading partial %s: %w", name, err)
	}
	return nil
}
