package main

import (
	"github.com/spf13/cobra"

	"irp/internal/team"
)

type teamOptions struct {
	*Factory
	JSON       bool
	Identities []string
}

func newTeamCmd(f *Factory, runF func(*teamOptions) error) *cobra.Command {
	o := &teamOptions{Factory: f}
	cmd := verb("team [--json]", "Show what each person has practised: sessions, roles, components, missing prerequisites",
		cobra.NoArgs, o, nil, runF, runTeam)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON: people and the components practised")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runTeam(o *teamOptions) error {
	env, _, err := o.session("")
	if err != nil {
		return err
	}
	return team.Show(o.IO.Out, env, o.LoadKeys(o.Identities), o.JSON)
}
