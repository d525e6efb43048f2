package main

import (
	"fmt"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"irp/internal/problem"
)

func init() { addCommand("vault", newVaultVerifyCmd) }

func newVaultVerifyCmd() *cobra.Command {
	var mine bool
	var idFiles []string
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
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault verify")
			}
			if !v.HasFile {
				return fmt.Errorf("vault verify: %s is missing (run irp vault init)", v.Project.Rel(v.RecipientsFile()))
			}
			var ids []age.Identity
			if mine {
				keys, err := loadKeys(idFiles)
				if err != nil {
					return wrapf(err, "vault verify")
				}
				ids = keys.ids
			}
			probs, err := v.Verify(ids)
			if err != nil {
				return wrapf(err, "vault verify")
			}
			for _, p := range probs {
				fmt.Fprintf(cmd.ErrOrStderr(), "%s\n", p)
			}
			if len(probs) > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "irp: vault verify: %d problem(s)\n", len(probs))
				return problem.Found
			}
			files, _ := v.Files()
			how := "addressed to"
			if mine {
				how = "open with your identity and are addressed to"
			}
			fmt.Fprintf(cmd.OutOrStdout(), "ok: %d sealed file(s) %s the %d recipient(s)\n", len(files), how, len(v.Recipients))
			return nil
		},
	}
	cmd.Flags().BoolVar(&mine, "mine", false, "also decrypt every file with your identity and check the id inside")
	identityFlag(cmd, &idFiles)
	return cmd
}
