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
		Long: `Check every file under vault/: it is an age file whose header has one
stanza per line of vault/recipients, of the right types (and the right key
fingerprint for ssh keys). With --mine it is also decrypted with your
identity, and the id and revision sealed inside must match its name, so a
renamed or swapped file is found. Exit 1 with a list of problems.`,
		Example: `  irp vault verify
  irp vault verify --mine -i ~/.config/irp/identity`,
		Args: cobra.NoArgs,
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
