package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"irp/internal/atomicfile"
	"irp/internal/followup"
	"irp/internal/problem"
	"irp/internal/session"
)

type sessionFollowupOptions struct {
	*Factory
	Dir        string
	N          string // "" to list them
	Done, Open bool
}

func newSessionFollowupCmd(f *Factory, runF func(*sessionFollowupOptions) error) *cobra.Command {
	o := &sessionFollowupOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "followup DIR [N --done | N --open]",
		Short: "List a session's follow-ups, or close (or reopen) one",
		Long: `A summary's front matter lists what the follow-up call decided, one table
each:

  [[followups]]
  what = "Alarm on 503s per shard, not only in total"
  owner = "ana.lopez"                                 # a handle of the team, or a group
  ticket = "https://tracker.example.com/OPS-123"      # optional
  status = "open"                                     # open or done
  due = 2026-12-15                                    # optional

With only DIR, list them, numbered from 1 in page order. With N and
--done, set follow-up N's status to done (--open sets it back), changing no
other line of the page. The site lists every open follow-up on
/sessions/followups/; irp check warns about open ones past their due date.`,
		Example: `  irp session followup 2026-11-10-gentle-redstart
  irp session followup content/sessions/2026-11-10-gentle-redstart 2 --done`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Dir = args[0]
			if len(args) == 2 {
				o.N = args[1]
			}
			return runOr(runF, runSessionFollowup, o)
		},
	}
	cmd.Flags().BoolVar(&o.Done, "done", false, "mark follow-up N done")
	cmd.Flags().BoolVar(&o.Open, "open", false, "mark follow-up N open again")
	return cmd
}

func runSessionFollowup(o *sessionFollowupOptions) error {
	if o.N == "" && (o.Done || o.Open) {
		return problem.Usagef("--done and --open need the follow-up's number N")
	}
	n, err := strconv.Atoi(o.N)
	if o.N != "" && err != nil {
		return problem.Usagef("follow-up number %q is not a number (irp session followup %s lists them)", o.N, o.Dir)
	}
	if o.N != "" && o.Done == o.Open {
		return problem.Usagef("say --done or --open")
	}
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	if o.N == "" {
		return listFollowups(o.IO.Out, o.IO.ErrOut, page, env.Now())
	}
	status := followup.Done
	if o.Open {
		status = followup.Open
	}
	out, err := followup.SetStatus(page.Rel, page.Src, page.Doc, n, status)
	var re *followup.RangeError
	if errors.As(err, &re) {
		return problem.WithHint(fmt.Errorf("%s: %w", page.Rel, err), "irp session followup "+o.Dir+" lists them")
	}
	if err != nil {
		return err
	}
	if err := atomicfile.Write(page.Path, out, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "%s: follow-up %d is %s\n", page.Rel, n, status)
	return nil
}

func listFollowups(out, errOut io.Writer, page *session.Page, now time.Time) error {
	items, probs := followup.Read(page.Src, page.Doc)
	for _, p := range probs {
		fmt.Fprintf(errOut, "%s:%d: %v\n", page.Rel, p.Line, p)
	}
	if len(items) == 0 {
		fmt.Fprintf(out, "%s: no follow-ups\n", page.Rel)
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
