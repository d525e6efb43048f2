package main

import (
	"github.com/spf13/cobra"

	"irp/internal/vault"
)

type vaultInitOptions struct {
	*Factory
	Name     string
	Force    bool
	Identity string
}

func newVaultInitCmd(f *Factory, runF func(*vaultInitOptions) error) *cobra.Command {
	o := &vaultInitOptions{Factory: f}
	cmd := verb("init", "Start the team's vault: vault/recipients with your public key",
		cobra.NoArgs, o, nil, runF, runVaultInit)
	cmd.Flags().StringVar(&o.Name, "name", "", "name written after your key (default: your user name)")
	cmd.Flags().BoolVar(&o.Force, "force", false, "replace an existing recipients file")
	cmd.Flags().StringVarP(&o.Identity, "identity", "i", "", "your identity file (its public key is used)")
	return cmd
}

func runVaultInit(o *vaultInitOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	return vault.Init(o.IO.Out, p, vault.InitOptions{Name: o.Name, Dir: o.Dir, Force: o.Force, Identity: o.Identity, Getenv: o.Getenv, Home: o.Home})
}
