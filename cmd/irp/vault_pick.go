package main

import (
	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/session"
	"irp/internal/team"
)

type vaultPickOptions struct {
	*Factory
	Responders string
	JSON       bool
	Identities []string
}

func newVaultPickCmd(f *Factory, runF func(*vaultPickOptions) error) *cobra.Command {
	o := &vaultPickOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "pick --responders a,b,c",
		Short: "Rank the scenarios none of these responders has seen by new ground for them",
		Long: `List the scenarios still in the pool (not retired) that none of the given
responders has seen, according to vault/ledger.jsonl, best first: those
with the most components none of them has practised (irp team), then those
whose components they have practised least, then a difficulty that suits
the team's experience (easy for newcomers, hard for experienced people).
Each comes with a one-line reason (--json: "reason", "new_ground").

Components and difficulty are sealed: scenarios your identity cannot open
are listed last, unranked.`,
		Example: `  irp vault pick --responders alice,bob,carol
  irp vault pick --responders alice,bob --json`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return runOr(runF, runVaultPick, o)
		},
	}
	cmd.Flags().StringVar(&o.Responders, "responders", "", "comma-separated responder names, as in the ledger")
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print a JSON array")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runVaultPick(o *vaultPickOptions) error {
	responders := session.SplitNames(o.Responders)
	if len(responders) == 0 {
		return problem.Usagef("--responders needs at least one name")
	}
	env, _, err := o.session("")
	if err != nil {
		return err
	}
	picked, err := team.Pick(env, responders, o.LoadKeys(o.Identities), o.IO.ErrOut)
	if err != nil {
		return err
	}
	return team.WritePicked(o.IO.Out, picked, o.JSON)
}
