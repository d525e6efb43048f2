package main

import (
	"github.com/spf13/cobra"

	"irp/internal/vault"
)

type vaultRekeyOptions struct {
	*Factory
	Identities []string
}

func newVaultRekeyCmd(f *Factory, runF func(*vaultRekeyOptions) error) *cobra.Command {
	o := &vaultRekeyOptions{Factory: f}
	cmd := verb("rekey", "Re-encrypt every sealed file to the current recipients, atomically",
		cobra.NoArgs, o, nil, runF, runVaultRekey)
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runVaultRekey(o *vaultRekeyOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	return vault.RekeyAll(o.IO.Out, v, o.LoadKeys(o.Identities))
}
