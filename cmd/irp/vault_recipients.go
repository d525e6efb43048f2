package main

import (
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/vault"
)

type vaultRecipientsOptions struct {
	*Factory
	Args       []string // add: public keys; rm: keys or names
	Identities []string
}

func newVaultRecipientsCmd(f *Factory, runF func(*vaultRecipientsOptions) error, add, rm *cobra.Command) *cobra.Command {
	o := &vaultRecipientsOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "recipients",
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
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runOr(runF, runVaultRecipients, o) },
	}
	cmd.AddCommand(add, rm)
	return cmd
}

func newVaultRecipientsAddCmd(f *Factory, runF func(*vaultRecipientsOptions) error) *cobra.Command {
	o := &vaultRecipientsOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "add KEY...",
		Short: "Add public keys to vault/recipients and re-encrypt everything to them",
		Long: `Append public keys to vault/recipients (age1…, ssh-ed25519, ssh-rsa or plugin
recipients; put "# name" after a key, and quote keys that contain spaces),
then re-encrypt every sealed file to the new list: your identity must open
them all.`,
		Example: `  irp vault recipients add "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p # alice"
  irp vault recipients add "$(cat ~/.ssh/id_ed25519.pub)"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Args = args
			return runOr(runF, runVaultRecipientsAdd, o)
		},
	}
	identityFlag(cmd, &o.Identities)
	return cmd
}

func newVaultRecipientsRmCmd(f *Factory, runF func(*vaultRecipientsOptions) error) *cobra.Command {
	o := &vaultRecipientsOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "rm KEY...",
		Short: "Remove people from vault/recipients and re-encrypt everything without them",
		Long: `Remove keys, given as the key or as the name after it, from vault/recipients,
then re-encrypt every sealed file to the rest: your identity must open
them all.

Removing someone does not take back what they could read: old versions in
git history stay readable to them. Retire the scenarios they saw.`,
		Example: `  irp vault recipients rm alice
  irp vault recipients rm "$(cat bob.pub)"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Args = args
			return runOr(runF, runVaultRecipientsRm, o)
		},
	}
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runVaultRecipients(o *vaultRecipientsOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	if !v.HasFile {
		return fmt.Errorf("%s is missing (run irp vault init)", v.Project.Rel(v.RecipientsFile()))
	}
	tw := tabwriter.NewWriter(o.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LINE\tTYPE\tKEY\tNAME")
	for _, r := range v.Recipients {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.Line, r.Kind, r.Short(), dash(r.Name))
	}
	return tw.Flush()
}

func runVaultRecipientsAdd(o *vaultRecipientsOptions) error {
	v, keys, err := o.vaultAndKeys()
	if err != nil {
		return err
	}
	n, err := v.AddRecipients(o.Args, keys.ids)
	if errors.As(err, new(*vault.NotAKeyError)) {
		return problem.Usage(err)
	}
	if err != nil {
		return keys.explain(err)
	}
	fmt.Fprintf(o.IO.Out, "%s now lists %d recipient(s); re-encrypted %d file(s)\n", v.Project.Rel(v.RecipientsFile()), len(v.Recipients), n)
	return nil
}

func runVaultRecipientsRm(o *vaultRecipientsOptions) error {
	v, keys, err := o.vaultAndKeys()
	if err != nil {
		return err
	}
	removed, n, err := v.RemoveRecipients(o.Args, keys.ids)
	if err != nil {
		return keys.explain(err)
	}
	out := o.IO.Out
	fmt.Fprintf(out, "%s now lists %d recipient(s); re-encrypted %d file(s)\n", v.Project.Rel(v.RecipientsFile()), len(v.Recipients), n)
	for _, r := range removed {
		fmt.Fprintf(out, "removed %s\n", r.Describe())
	}
	fmt.Fprintln(out, "warning: git history still holds the old files, which the removed people can decrypt;")
	fmt.Fprintln(out, "         retire the scenarios they saw (irp vault retire ID), and rotate any secret they held")
	return nil
}

func (o *vaultRecipientsOptions) vaultAndKeys() (*vault.Vault, keyring, error) {
	v, err := o.Vault()
	if err != nil {
		return nil, keyring{}, err
	}
	keys, err := o.Factory.Keys(o.Identities)
	return v, keys, err
}
