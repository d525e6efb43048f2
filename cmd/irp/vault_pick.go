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
	cmd := verb("pick --responders a,b,c", "Rank the scenarios none of these responders has seen by new ground for them",
		cobra.NoArgs, o, nil, runF, runVaultPick)
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
	return team.Suggest(o.IO.Out, o.IO.ErrOut, env, responders, o.LoadKeys(o.Identities), o.JSON)
}
