package main

import (
	"fmt"

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
	if err := o.confirm(o.Yes, fmt.Sprintf("Remove %s from the vault? It leaves the pool unpublished, for good (git history keeps the old file).", o.ID)); err != nil {
		return err
	}
	if err := vault.Remove(v, o.ID, o.Now().UTC()); err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "removed %s: deleted %s and recorded it in %s\n", o.ID, v.Project.Rel(v.ScenarioFile(o.ID)), v.Project.Rel(v.LedgerFile()))
	return nil
}
