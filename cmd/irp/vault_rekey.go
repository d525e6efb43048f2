package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() { addCommand("vault", newVaultRekeyCmd) }

func newVaultRekeyCmd() *cobra.Command {
	var idFiles []string
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
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault rekey")
			}
			keys, err := loadKeys(idFiles)
			if err != nil {
				return wrapf(err, "vault rekey")
			}
			n, err := v.Rekey(keys.ids)
			if err != nil {
				return wrapf(keys.explain(err), "vault rekey")
			}
			fmt.Fprintf(cmd.OutOrStdout(), "re-encrypted %d file(s) to %d recipient(s)\n", n, len(v.Recipients))
			return nil
		},
	}
	identityFlag(cmd, &idFiles)
	return cmd
}
