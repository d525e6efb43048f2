package main

import (
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultRecipientsCmd) }

func newVaultRecipientsCmd() *cobra.Command {
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "recipients [add KEY... | rm KEY...]",
		Short: "List or change who can open the vault (re-encrypts everything)",
		Long: `With no arguments, list vault/recipients. "add" appends public keys (age1…,
ssh-ed25519, ssh-rsa or plugin recipients; put "# name" after a key, and
quote keys that contain spaces); "rm" removes keys, given as the key or as
the name after it. Both re-encrypt every sealed file to the new list, so
your identity must open them all.

Removing someone does not take back what they could read: old versions in
git history stay readable to them. Retire the scenarios they saw.`,
		Example: `  irp vault recipients
  irp vault recipients add "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p # alice"
  irp vault recipients add "$(cat ~/.ssh/id_ed25519.pub)"
  irp vault recipients rm alice`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault recipients")
			}
			if len(args) == 0 {
				return listRecipients(cmd, v)
			}
			verb, keys := args[0], args[1:]
			if verb != "add" && verb != "rm" {
				return problem.Usagef("vault recipients: unknown action %q (use add or rm)", verb)
			}
			if len(keys) == 0 {
				return problem.Usagef("vault recipients %s: give at least one key", verb)
			}
			kr, err := loadKeys(idFiles)
			if err != nil {
				return wrapf(err, "vault recipients %s", verb)
			}
			var n int
			var removed []vault.Recipient
			if verb == "add" {
				n, err = v.AddRecipients(keys, kr.ids)
			} else {
				removed, n, err = v.RemoveRecipients(keys, kr.ids)
			}
			var nk *vault.NotAKeyError
			if errors.As(err, &nk) {
				return problem.Usage(fmt.Errorf("vault recipients %s: %w", verb, err))
			}
			if err != nil {
				return wrapf(kr.explain(err), "vault recipients %s", verb)
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "%s now lists %d recipient(s); re-encrypted %d file(s)\n", v.Project.Rel(v.RecipientsFile()), len(v.Recipients), n)
			if verb == "rm" {
				for _, r := range removed {
					fmt.Fprintf(out, "removed %s\n", r.Describe())
				}
				fmt.Fprintln(out, "warning: git history still holds the old files, which the removed people can decrypt;")
				fmt.Fprintln(out, "         retire the scenarios they saw (irp vault retire ID), and rotate any secret they held")
			}
			return nil
		},
	}
	identityFlag(cmd, &idFiles)
	return cmd
}

func listRecipients(cmd *cobra.Command, v *vault.Vault) error {
	if !v.HasFile {
		return fmt.Errorf("vault recipients: %s is missing (run irp vault init)", v.Project.Rel(v.RecipientsFile()))
	}
	tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LINE\tTYPE\tKEY\tNAME")
	for _, r := range v.Recipients {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.Line, r.Kind, r.Short(), dash(r.Name))
	}
	return tw.Flush()
}
