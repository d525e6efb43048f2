package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"irp/internal/journal"
	"irp/internal/problem"
	"irp/internal/session"
)

func init() { addCommand("session", newSessionHintCmd) }

func newSessionHintCmd() *cobra.Command {
	var idFiles []string
	var at, note, by string
	cmd := &cobra.Command{
		Use:   "hint DIR [--at TIME] [--by NAME]",
		Short: "Print the next rung of the hint ladder and record it as given",
		Long: `Print the next rung of the session's hint ladder, ready to paste into the
practice channel, and record in your sealed journal that it was given
(rung number and time, never its text). The next rung counts the rungs
every instigator has recorded. --at as for irp session mark.

RFD 111: give hints sparingly, pointers to docs, man pages and source
first, then questions; never the answer.`,
		Example: `  irp session hint content/sessions/2026-12-01-brisk-plover
  irp session hint 2026-12-01-brisk-plover --at 13:40 --by ben`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			env, err := sessionEnv()
			if err != nil {
				return wrapf(err, "session hint")
			}
			page, err := env.Read(args[0])
			if err != nil {
				return wrapf(err, "session hint")
			}
			var when time.Time // now
			if at != "" {
				if when, err = session.ParseAt(at, page.Day()); err != nil {
					return problem.Usage(fmt.Errorf("--at: %w", err))
				}
			}
			who, err := page.Instigator(by)
			if err != nil {
				return wrapf(err, "session hint")
			}
			keys, err := loadKeys(idFiles)
			if err != nil {
				return wrapf(err, "session hint")
			}
			s, err := env.Scenario(page, keys.ids)
			if err != nil {
				return wrapf(keys.explain(err), "session hint")
			}
			ev, text, err := env.GiveHint(page, env.Journal(page, keys.ids, who), s, when, note)
			if err != nil {
				return wrapf(keys.explain(err), "session hint %s", page.Rel)
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "rung %d of %d:\n%s\n", ev.Rung, len(s.Hints), text)
			fmt.Fprintf(cmd.ErrOrStderr(), "recorded rung %d at %s UTC in vault/%s.age\n", ev.Rung, ev.At.Format(time.TimeOnly), journal.Name(page.Name, who))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&at, "at", "", "when it was given: HH:MM (UTC, on the session's day) or RFC 3339; default now")
	f.StringVar(&note, "note", "", "why it was needed (public, on the page)")
	f.StringVar(&by, "by", "", "which instigator you are (default: the only one)")
	identityFlag(cmd, &idFiles)
	return cmd
}
