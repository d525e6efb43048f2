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
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return runOr(runF, runVaultRecipients, o) },
	}
	cmd.AddCommand(add, rm)
	return cmd
}

func newVaultRecipientsAddCmd(f *Factory, runF func(*vaultRecipientsOptions) error) *cobra.Command {
	o := &vaultRecipientsOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "add KEY...",
		Short: "Add public keys to vault/recipients and re-encrypt everything to them",
		Args:  cobra.MinimumNArgs(1),
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
		Args:  cobra.MinimumNArgs(1),
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
