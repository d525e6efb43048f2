package main

import (
	"github.com/spf13/cobra"

	"irp/internal/vault"
)

type vaultVerifyOptions struct {
	*Factory
	Mine       bool
	Identities []string
}

func newVaultVerifyCmd(f *Factory, runF func(*vaultVerifyOptions) error) *cobra.Command {
	o := &vaultVerifyOptions{Factory: f}
	cmd := verb("verify [--mine]", "Check every sealed file is addressed to vault/recipients (and, with --mine, opens)",
		cobra.NoArgs, o, nil, runF, runVaultVerify)
	cmd.Flags().BoolVar(&o.Mine, "mine", false, "also decrypt every file with your identity and check the id inside")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runVaultVerify(o *vaultVerifyOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	return vault.VerifyAll(o.IO.Out, o.IO.ErrOut, v, o.Mine, o.LoadKeys(o.Identities))
}
