package main

import (
	"os"

	"github.com/spf13/cobra"

	"irp/internal/vault"
)

type vaultSealOptions struct {
	*Factory
	File       string
	ID         string
	Keep       bool
	Identities []string
}

func newVaultSealCmd(f *Factory, runF func(*vaultSealOptions) error) *cobra.Command {
	o := &vaultSealOptions{Factory: f}
	cmd := verb("seal FILE", "Encrypt a plaintext scenario into vault/scenarios/ID.age",
		cobra.ExactArgs(1), o, func(args []string) { o.File = args[0] }, runF, runVaultSeal)
	cmd.Flags().StringVar(&o.ID, "id", "", "scenario id (codename) to seal under; replaces the front matter id")
	cmd.Flags().BoolVar(&o.Keep, "keep", false, "keep the plaintext file after sealing")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runVaultSeal(o *vaultSealOptions) error {
	seal := vault.SealOptions{ID: o.ID}
	if err := seal.Validate(); err != nil {
		return err
	}
	src, err := os.ReadFile(o.File)
	if err != nil {
		return err
	}
	v, err := o.Vault()
	if err != nil {
		return err
	}
	// An identity is optional for a new scenario: it only proves the new
	// file opens. Replacing one needs it.
	seal.Identities = o.LoadKeys(o.Identities).IDs
	return vault.SealFile(o.IO.Out, o.IO.ErrOut, v, o.File, src, seal, o.Keep)
}
