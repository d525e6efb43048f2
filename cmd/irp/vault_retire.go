package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"irp/internal/vault"
)

type vaultRetireOptions struct {
	*Factory
	ID         string
	Identities []string
	Yes        bool
}

func newVaultRetireCmd(f *Factory, runF func(*vaultRetireOptions) error) *cobra.Command {
	o := &vaultRetireOptions{Factory: f}
	cmd := verb("retire ID", "Publish a scenario's full text on the site; it leaves the pool",
		cobra.ExactArgs(1), o, func(args []string) { o.ID = args[0] }, runF, runVaultRetire)
	identityFlag(cmd, &o.Identities)
	cmd.Flags().BoolVarP(&o.Yes, "yes", "y", false, "do not ask")
	return cmd
}

func runVaultRetire(o *vaultRetireOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	keys := o.LoadKeys(o.Identities)
	if keys.Err != nil {
		return keys.Err
	}
	if err := o.confirm(o.Yes, fmt.Sprintf("Retire %s? This publishes its full text on the site (%s) and records it in the ledger for good.", o.ID, v.Project.Rel(vault.RetiredPage(v.Project, o.ID)))); err != nil {
		return err
	}
	page, err := vault.Retire(v, o.ID, keys.IDs, o.Now().UTC())
	if err != nil {
		return keys.Explain(err)
	}
	fmt.Fprintf(o.IO.Out, "retired %s: wrote %s and added it to %s\n", o.ID, v.Project.Rel(page), v.Project.Rel(v.LedgerFile()))
	return nil
}
