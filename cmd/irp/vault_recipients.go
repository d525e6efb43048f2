package main

import (
	"github.com/spf13/cobra"

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
	return vault.WriteRecipients(o.IO.Out, v)
}

func runVaultRecipientsAdd(o *vaultRecipientsOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	return vault.Admit(o.IO.Out, v, o.Args, o.LoadKeys(o.Identities))
}

func runVaultRecipientsRm(o *vaultRecipientsOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	return vault.Revoke(o.IO.Out, v, o.Args, o.LoadKeys(o.Identities))
}
