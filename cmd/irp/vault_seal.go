package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/scenario"
	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultSealCmd) }

func newVaultSealCmd() *cobra.Command {
	var id string
	var keep bool
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "seal FILE",
		Short: "Encrypt a plaintext scenario into vault/scenarios/ID.age",
		Long: `Check a plaintext scenario (front matter and every section), encrypt it to
everyone in vault/recipients and write vault/scenarios/ID.age atomically.
Sealing over an existing scenario bumps its revision when your identity
opens the old one. The plaintext is removed after a verified seal unless
--keep is given.`,
		Example: `  irp new scenario amber-heron && $EDITOR ~/.local/share/irp/drafts/amber-heron.md
  irp vault seal ~/.local/share/irp/drafts/amber-heron.md
  irp vault seal --keep --id amber-heron ~/scenarios/registrar-down.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := args[0]
			if id != "" && !scenario.ValidID(id) {
				return problem.Usagef("--id %q is not a codename (lowercase letters, digits and dashes, like amber-heron)", id)
			}
			src, err := os.ReadFile(file)
			if err != nil {
				return fmt.Errorf("vault seal: %w", err)
			}
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault seal %s", file)
			}
			// An identity is optional for a new scenario: it only proves the
			// new file opens. Replacing one needs it.
			keys, _ := loadKeys(idFiles)
			s, err := vault.Seal(v, file, src, vault.SealOptions{ID: id, Identities: keys.ids})
			var re *vault.ReplaceError
			switch {
			case errors.As(err, &re) && re.Err == nil:
				return problem.WithHint(fmt.Errorf("vault seal %s: %w", re.ID, err), "pass -i KEY to replace it with a new revision, or pick another --id")
			case errors.As(err, &re):
				return problem.WithHint(fmt.Errorf("vault seal %s: %w", re.ID, err), "pick another --id, or remove the old file first if it is really to be replaced")
			case err != nil:
				return fmt.Errorf("vault seal: %w", err)
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "sealed %s (revision %d) to %d recipient(s): %s (%s)\n",
				s.ID, s.Revision, len(v.Recipients), s.File, s.Checked)
			if !keep {
				if err := os.Remove(file); err != nil {
					return fmt.Errorf("vault seal: sealed, but removing the plaintext: %w", err)
				}
				fmt.Fprintf(out, "removed the plaintext %s (--keep keeps it)\n", file)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&id, "id", "", "scenario id (codename) to seal under; replaces the front matter id")
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the plaintext file after sealing")
	identityFlag(cmd, &idFiles)
	return cmd
}
