package main

import (
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
	return vault.Retire(o.IO.Out, v, o.ID, o.LoadKeys(o.Identities), o.Now().UTC(), o.confirm(o.Yes))
}
