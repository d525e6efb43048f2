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
	cmd := &cobra.Command{
		Use:   "team [--json]",
		Short: "Show what each person has practised: sessions, roles, components, missing prerequisites",
		Long: `Show, for everyone in vault/people.toml, the ledger and the held sessions:
how many sessions they took part in as responder, instigator and
coordinator, the last one, the components of the scenarios they have seen
(counted once per scenario), and the prerequisites of config.toml they
have not ticked. Then a people × components table: how often each person
has practised each component, "." for never.

Components are sealed inside the scenarios, so this needs an identity that
opens them; scenarios it cannot open are named, not counted.`,
		Example: `  irp team -i ~/.config/irp/identity
  irp team --json | jq '.people[] | select(.responder == 0) | .handle'`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runOr(runF, runTeam, o) },
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON: people and the components practised")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runTeam(o *teamOptions) error {
	env, _, err := o.session("")
	if err != nil {
		return err
	}
	keys := o.LoadKeys(o.Identities)
	if keys.Err != nil {
		return keys.Err
	}
	people, _, err := team.View(env, keys, "")
	switch {
	case err != nil:
		return err
	case o.JSON:
		return team.WriteJSON(o.IO.Out, people)
	}
	return team.WriteText(o.IO.Out, people, team.Components(people), env.Params.Prerequisites)
}
