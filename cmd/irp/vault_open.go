package main

import (
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/scenario"
	"irp/internal/vault"
)

type vaultOpenOptions struct {
	*Factory
	vault.ShowOptions
	ID         string
	Identities []string
}

func newVaultOpenCmd(f *Factory, runF func(*vaultOpenOptions) error) *cobra.Command {
	o := &vaultOpenOptions{Factory: f}
	cmd := verb("open ID", "Decrypt a scenario to stdout (in memory; nothing is written to disk)",
		cobra.ExactArgs(1), o, func(args []string) { o.ID = args[0] }, runF, runVaultOpen)
	cmd.Flags().StringVar(&o.Section, "section", "", "print only this section ("+strings.Join(scenario.SectionNames, ", ")+")")
	cmd.Flags().BoolVar(&o.Raw, "raw", false, "print the decrypted text as is, without checking id and revision")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runVaultOpen(o *vaultOpenOptions) error {
	if err := vault.CheckID(o.ID); err != nil {
		return err
	}
	if err := o.ShowOptions.Validate(); err != nil {
		return err
	}
	v, err := o.Vault()
	if err != nil {
		return err
	}
	return vault.Show(o.IO.Out, v, o.ID, o.ShowOptions, o.LoadKeys(o.Identities))
}
