package main

import (
	"errors"
	"fmt"
	"irp/internal/problem"
	"irp/internal/vault"

	"github.com/spf13/cobra"
)

type vaultRekeyOptions struct {
	*Factory
	Identities []string
}

func newVaultRekeyCmd(f *Factory, runF func(*vaultRekeyOptions) error) *cobra.Command {
	o := &vaultRekeyOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "rekey",
		Short: "Re-encrypt every sealed file to the current recipients, atomically",
		Long: `Decrypt every file under vault/ and encrypt it again to the people in
vault/recipients. Nothing changes unless your identity opens every file.
Each file is replaced atomically (temp file, fsync, rename), so an
interrupted rekey leaves every file whole; run it again to finish.`,
		Example: `  irp vault rekey
  irp vault rekey -i testdata/demo-instigator.key`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return runOr(runF, runVaultRekey, o)
		},
	}
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runVaultRekey(o *vaultRekeyOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	keys, err := o.Keys(o.Identities)
	if err != nil {
		return err
	}
	n, err := v.Rekey(keys.ids)
	if err != nil {
		err = keys.explain(err)
		// Rekey is what an organiser runs right after changing the
		// recipients: the files still open only with a key of the old list.
		if noID := new(vault.NoIdentityError); errors.As(err, &noID) && noID.What != "" {
			return problem.WithHint(err, "pass a key of the old recipients with -i OLD-KEY (on a fresh copy of this repository: -i testdata/demo-instigator.key)")
		}
		return err
	}
	fmt.Fprintf(o.IO.Out, "re-encrypted %d file(s) to %d recipient(s)\n", n, len(v.Recipients))
	return nil
}
