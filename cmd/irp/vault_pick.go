package main

import (
	"filippo.io/age"
	"fmt"
	"github.com/spf13/cobra"
	"io"
	"irp/internal/people"
	"path/filepath"

	"irp/internal/problem"
	"irp/internal/vault"
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
	people := splitList(o.Responders)
	if len(people) == 0 {
		return problem.Usagef("--responders needs at least one name")
	}
	v, err := o.Vault()
	if err != nil {
		return err
	}
	warnUnknown(o.IO.ErrOut, v, people)
	picked, err := listScenarios(o.Factory, o.Identities, func(ids []age.Identity) ([]vault.Listing, error) { return vault.Pick(v, people, ids) })
	if err != nil {
		return err
	}
	return printPicked(o.Factory, picked, people, o.Identities, o.JSON)
}

// warnUnknown names the responders neither vault/people.toml nor the
// ledger knows: a misspelt handle counts as someone who has seen nothing.
func warnUnknown(w io.Writer, v *vault.Vault, names []string) {
	dir, err := people.Load(filepath.Join(v.Project.Vault(), "people.toml"))
	if err != nil {
		return // session check and irp check report a broken people.toml
	}
	entries, err := v.Ledger()
	if err != nil {
		return
	}
	known := map[string]bool{}
	for _, e := range entries {
		known[e.Who] = true
	}
	for _, n := range dir.Unknown(names, known) {
		fmt.Fprintf(w, "warning: %s is not in vault/people.toml or the ledger: a misspelt name counts as someone who has seen nothing (irp people add %s)\n", n, n)
	}
}
