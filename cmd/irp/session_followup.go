package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"irp/internal/doc"
	"irp/internal/followup"
	"irp/internal/problem"
	"irp/internal/session"
)

func init() { addCommand("session", newSessionFollowupCmd) }

func newSessionFollowupCmd() *cobra.Command {
	var done, reopen bool
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
		RunE: func(cmd *cobra.Command, args []string) error {
			env, err := sessionEnv()
			if err != nil {
				return wrapf(err, "session followup")
			}
			page, err := env.Read(args[0])
			if err != nil {
				return wrapf(err, "session followup")
			}
			if len(args) == 1 {
				if done || reopen {
					return problem.Usagef("--done and --open need the follow-up's number N")
				}
				return listFollowups(cmd, page, env.Now())
			}
			n, err := strconv.Atoi(args[1])
			if err != nil {
				return problem.Usagef("follow-up number %q is not a number (irp session followup %s lists them)", args[1], args[0])
			}
			if done == reopen {
				return problem.Usagef("say --done or --open")
			}
			status := followup.Done
			if reopen {
				status = followup.Open
			}
			out, err := followup.SetStatus(page.Rel, page.Src, page.Doc, n, status)
			var re *followup.RangeError
			if errors.As(err, &re) {
				err = problem.WithHint(err, "irp session followup "+args[0]+" lists them")
			}
			if err != nil {
				return wrapf(err, "session followup %s", page.Rel)
			}
			if err := session.WriteFile(page.Path, out); err != nil {
				return wrapf(err, "session followup %s", page.Rel)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: follow-up %d is %s\n", page.Rel, n, status)
			return nil
		},
	}
	cmd.Flags().BoolVar(&done, "done", false, "mark follow-up N done")
	cmd.Flags().BoolVar(&reopen, "open", false, "mark follow-up N open again")
	return cmd
}

func listFollowups(cmd *cobra.Command, page *session.Page, now time.Time) error {
	items, probs := followup.Read(page.Src, page.Doc)
	out := cmd.OutOrStdout()
	for _, p := range probs {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s:%d: %v\n", page.Rel, p.Line, p)
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

// checkFollowups is irp check's step for follow-ups: an entry that breaks
// the rules is a finding; an open one past its due date is a warning, which
// does not fail the check.
func checkFollowups(r *checkRun) error {
	dir := filepath.Join(r.project.Content(), "sessions")
	pages, _ := filepath.Glob(filepath.Join(dir, "*", "index.md"))
	out := r.cmd.OutOrStdout()
	open, late := 0, 0
	now := time.Now()
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
