package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"irp/internal/doc"
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
	switch {
	case err != nil:
		return err
	case o.N == "":
		return session.WriteFollowups(o.IO.Out, o.IO.ErrOut, page, env.Now())
	case o.Open:
		return session.SetFollowup(o.IO.Out, page, o.Dir, n, followup.Open)
	}
	return session.SetFollowup(o.IO.Out, page, o.Dir, n, followup.Done)
}

// checkFollowups is irp check's step for follow-ups: an entry that breaks
// the rules is a finding; an open one past its due date is a warning, which
// does not fail the check.
func checkFollowups(r *checkRun) error {
	dir := filepath.Join(r.project.Content(), "sessions")
	pages, _ := filepath.Glob(filepath.Join(dir, "*", "index.md"))
	out := r.IO.Out
	open, late := 0, 0
	now := r.Now()
	for _, path := range pages {
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel := r.project.Rel(path)
		d, err := doc.ParseFrontMatter(rel, src)
		if err != nil {
			continue // the content step reports it
		}
		items, probs := followup.Read(src, d)
		for _, p := range probs {
			fmt.Fprintf(out, "%s:%d: %v\n", rel, p.Line, p)
		}
		r.findings += len(probs)
		for _, it := range items {
			if it.Status != followup.Open {
				continue
			}
			open++
			if it.Overdue(now) {
				late++
				fmt.Fprintf(out, "%s:%d: warning: follow-up %d is past due (%s, owner %s): %s\n",
					rel, it.Line, it.N, it.Due.Format(time.DateOnly), it.Owner, it.What)
			}
		}
	}
	if open > 0 {
		r.ok = append(r.ok, fmt.Sprintf("%d open follow-up%s (%d past due)", open, plural(open), late))
	}
	return nil
}
