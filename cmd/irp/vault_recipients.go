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
	cmd := verb("recipients", "List or change who can open the vault (re-encrypts everything)",
		cobra.NoArgs, o, nil, runF, runVaultRecipients)
	cmd.AddCommand(add, rm)
	return cmd
}

func newVaultRecipientsAddCmd(f *Factory, runF func(*vaultRecipientsOptions) error) *cobra.Command {
	o := &vaultRecipientsOptions{Factory: f}
	cmd := verb("add KEY...", "Add public keys to vault/recipients and re-encrypt everything to them",
		cobra.MinimumNArgs(1), o, func(args []string) { o.Args = args }, runF, runVaultRecipientsAdd)
	identityFlag(cmd, &o.Identities)
	return cmd
}

func newVaultRecipientsRmCmd(f *Factory, runF func(*vaultRecipientsOptions) error) *cobra.Command {
	o := &vaultRecipientsOptions{Factory: f}
	cmd := verb("rm KEY...", "Remove people from vault/recipients and re-encrypt everything without them",
		cobra.MinimumNArgs(1), o, func(args []string) { o.Args = args }, runF, runVaultRecipientsRm)
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
