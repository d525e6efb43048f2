package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"irp/internal/problem"
)

func init() { addCommand("session", newSessionCheckCmd) }

func newSessionCheckCmd() *cobra.Command {
	var strict bool
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "check [--strict] DIR",
		Short: "Check a session's team: size, mix, seen-before, prerequisites",
		Long: `Warn about a planned session's team, one line each:

  - fewer than 1 or more than 3 instigators; fewer than 3 or more than 6 responders
  - no experienced responder, or no newcomer (experience: sessions in the
    ledger plus 'sessions' and 'experienced' in vault/people.toml)
  - a responder who has already seen the scenario (vault/ledger.jsonl)
  - an instigator who is also a responder
  - a person missing a prerequisite (the checklist in config.toml
    [params] prerequisites, each person's ticks in vault/people.toml)
  - a scenario whose components every responder has already practised
    (irp team; only when your identity opens the scenarios)

Exit 0 with the warnings listed; with --strict, exit 1 when there is any.
A ledger whose hash chain is broken (an earlier line edited or removed) is
an error, exit 1.`,
		Example: `  irp session check content/sessions/2026-12-01-brisk-plover
  irp session check --strict 2026-12-01-brisk-plover`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			env, err := sessionEnv()
			if err != nil {
				return wrapf(err, "session check")
			}
			page, err := env.Read(args[0])
			if err != nil {
				return wrapf(err, "session check")
			}
			warnings, err := env.Check(page)
			if err != nil {
				return wrapf(err, "session check")
			}
			if w, ok := newGroundWarning(env, page, idFiles); ok {
				warnings = append(warnings, w)
			}
			out := cmd.OutOrStdout()
			for _, w := range warnings {
				fmt.Fprintf(out, "%s:%d: warning: %s\n", page.Rel, w.Line, w.Msg)
			}
			if len(warnings) == 0 {
				fmt.Fprintf(out, "%s: team looks right: no warnings\n", page.Rel)
				return nil
			}
			fmt.Fprintf(out, "%s: %d warning(s)\n", page.Rel, len(warnings))
			if strict {
				return problem.Found
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&strict, "strict", false, "exit 1 when there is any warning")
	identityFlag(cmd, &idFiles)
	return cmd
}
