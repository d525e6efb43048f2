package main

import (
	"github.com/spf13/cobra"

	"irp/internal/vault"
)

type vaultRemoveOptions struct {
	*Factory
	ID  string
	Yes bool
}

func newVaultRemoveCmd(f *Factory, runF func(*vaultRemoveOptions) error) *cobra.Command {
	o := &vaultRemoveOptions{Factory: f}
	cmd := verb("remove ID", "Take a scenario sealed by mistake out of the vault, unpublished",
		cobra.ExactArgs(1), o, func(args []string) { o.ID = args[0] }, runF, runVaultRemove)
	cmd.Flags().BoolVarP(&o.Yes, "yes", "y", false, "do not ask")
	return cmd
}

func runVaultRemove(o *vaultRemoveOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	return vault.Remove(o.IO.Out, v, o.ID, o.Now().UTC(), o.confirm(o.Yes))
}
