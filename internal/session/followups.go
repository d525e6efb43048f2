package session

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"irp/internal/atomicfile"
	"irp/internal/followup"
	"irp/internal/problem"
)

// FollowupFlags are irp session followup's arguments as typed: the
// follow-up's number ("" to list them), and --done or --open.
type FollowupFlags struct {
	N          string
	Done, Open bool
}

// Change checks the flags and reads them into the change to make: set
// follow-up n to status, or list them (status ""). A mistake is a usage
// error; dir is the session as typed, for the hint.
func (f FollowupFlags) Change(dir string) (n int, status string, err error) {
	if f.N == "" && (f.Done || f.Open) {
		return 0, "", problem.Usagef("--done and --open need the follow-up's number N")
	}
	if f.N == "" {
		return 0, "", nil
	}
	if n, err = strconv.Atoi(f.N); err != nil {
		return 0, "", problem.Usagef("follow-up number %q is not a number (irp session followup %s lists them)", f.N, dir)
	}
	switch {
	case f.Done == f.Open:
		return 0, "", problem.Usagef("say --done or --open")
	case f.Open:
		return n, followup.Open, nil
	}
	return n, followup.Done, nil
}

// Followup lists the follow-ups of session p (WriteFollowups) when status
// is "", else sets follow-up n to status (SetFollowup).
func (e *Env) Followup(out, warn io.Writer, p *Page, dir string, n int, status string) error {
	if status == "" {
		return WriteFollowups(out, warn, p, e.Now())
	}
	return SetFollowup(out, p, dir, n, status)
}

// WriteFollowups lists the follow-ups of session p on out, numbered from 1,
// with a due date past at now marked; entries that break the rules go on
// warn.
func WriteFollowups(out, warn io.Writer, p *Page, now time.Time) error {
	items, probs := followup.Read(p.Src, p.Doc)
	for _, pr := range probs {
		fmt.Fprintf(warn, "%s:%d: %v\n", p.Rel, pr.Line, pr)
	}
	if len(items) == 0 {
		fmt.Fprintf(out, "%s: no follow-ups\n", p.Rel)
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "N\tSTATUS\tDUE\tOWNER\tWHAT")
	for _, it := range items {
		due := "-"
		if !it.Due.IsZero() {
			due = it.Due.Format(time.DateOnly)
			if it.Overdue(now) {
				due += " (past)"
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", it.N, it.Status, due, it.Owner, it.What)
	}
	return tw.Flush()
}

// SetFollowup sets the status of follow-up n of session p, changing no
// other line of the page, and says so on w. The hint for a number out of
// range names the command that lists them, on the session as typed (dir).
func SetFollowup(w io.Writer, p *Page, dir string, n int, status string) error {
	out, err := followup.SetStatus(p.Rel, p.Src, p.Doc, n, status)
	var re *followup.RangeError
	if errors.As(err, &re) {
		return problem.WithHint(fmt.Errorf("%s: %w", p.Rel, err), "irp session followup "+dir+" lists them")
	}
	if err != nil {
		return err
	}
	if err := atomicfile.Write(p.Path, out, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: follow-up %d is %s\n", p.Rel, n, status)
	return nil
}
