package main

import (
	"github.com/spf13/cobra"

	"irp/internal/team"
)

type sessionCheckOptions struct {
	*Factory
	Dir        string
	Strict     bool
	Identities []string
}

func newSessionCheckCmd(f *Factory, runF func(*sessionCheckOptions) error) *cobra.Command {
	o := &sessionCheckOptions{Factory: f}
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
		RunE: func(_ *cobra.Command, args []string) error {
			o.Dir = args[0]
			return runOr(runF, runSessionCheck, o)
		},
	}
	cmd.Flags().BoolVar(&o.Strict, "strict", false, "exit 1 when there is any warning")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runSessionCheck(o *sessionCheckOptions) error {
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	return team.CheckSession(o.IO.Out, env, page, o.LoadKeys(o.Identities), o.Strict)
}
