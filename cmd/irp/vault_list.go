package main

import (
	"github.com/spf13/cobra"

	"irp/internal/vault"
)

type vaultListOptions struct {
	*Factory
	JSON       bool
	Identities []string
}

func newVaultListCmd(f *Factory, runF func(*vaultListOptions) error) *cobra.Command {
	o := &vaultListOptions{Factory: f}
	cmd := verb("list", "List the sealed scenarios: id, title, components, Manta versions, difficulty, status, sealed-to count",
		cobra.NoArgs, o, nil, runF, runVaultList)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print a JSON array")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runVaultList(o *vaultListOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	return vault.ShowList(o.IO.Out, o.IO.ErrOut, v, o.LoadKeys(o.Identities), o.JSON)
}
