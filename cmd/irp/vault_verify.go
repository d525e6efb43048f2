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
	cmd := &cobra.Command{
		Use:   "verify [--mine]",
		Short: "Check every sealed file is addressed to vault/recipients (and, with --mine, opens)",
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return runOr(runF, runVaultVerify, o)
		},
	}
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
