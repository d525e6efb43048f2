package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

func init() { addCommand("session", newSessionRunCmd) }

func newSessionRunCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "run DIR",
		Short: "Mark a session as held: record its responders as having seen the scenario",
		Long: `After the incident, mark the session run: each responder is recorded in
vault/ledger.jsonl as having seen the scenario (so irp vault pick and
irp session check know), and the page's status becomes run. It stays a
draft until irp session publish. Running it twice records nobody twice;
publish records the responders too if this step was skipped.`,
		Example: `  irp session run content/sessions/2026-12-01-brisk-plover
  git add vault/ledger.jsonl content/sessions && git commit -m "session brisk-plover held"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			env, err := sessionEnv()
			if err != nil {
				return wrapf(err, "session run")
			}
			page, err := env.Read(args[0])
			if err != nil {
				return wrapf(err, "session run")
			}
			who, bad, err := env.MarkRun(page)
			if err != nil {
				return wrapf(err, "session run")
			}
			out := cmd.OutOrStdout()
			if len(who) == 0 {
				fmt.Fprintf(out, "%s: already run; the ledger has every responder\n", page.Rel)
			} else {
				fmt.Fprintf(out, "%s: run; recorded %s as having seen %s\n", page.Rel, strings.Join(who, ", "), page.Scenario)
			}
			reportFeed(cmd.ErrOrStderr(), bad)
			return nil
		},
	}
}
