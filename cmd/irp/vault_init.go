package main

import (
	"fmt"
	"os/exec"
	"os/user"
	"strings"

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
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Start the team's vault: vault/recipients with your public key",
		Long: `Create vault/ and write vault/recipients with your public key as its only
line. Your key comes from -i, else the first of ~/.config/irp/identity,
~/.ssh/id_ed25519, ~/.ssh/id_rsa that exists; if there is none, a new age
identity is written to ~/.config/irp/identity (mode 0600).

A checkout that still has only the demo recipient is replaced without
--force. Scenarios already sealed stay readable to the old recipients until
you run irp vault rekey with a key that opens them.`,
		Example: `  irp vault init
  irp vault init --name alice -i ~/.ssh/id_ed25519
  irp vault rekey -i testdata/demo-instigator.key   # then move the demo scenarios to you`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return runOr(runF, runVaultInit, o)
		},
	}
	cmd.Flags().StringVar(&o.Name, "name", "", "name written after your key (default: your user name)")
	cmd.Flags().BoolVar(&o.Force, "force", false, "replace an existing recipients file")
	cmd.Flags().StringVarP(&o.Identity, "identity", "i", "", "your identity file (its public key is used)")
	return cmd
}

// defaultName is the name written after a new recipient's key: git's
// user.name in the project (what teammates know you by), else $USER, else
// the account's name.
func defaultName(dir string, getenv func(string) string) string {
	cmd := exec.Command("git", "config", "user.name")
	cmd.Dir = dir
	if out, err := cmd.Output(); err == nil {
		if name := strings.TrimSpace(string(out)); name != "" {
			return name
		}
	}
	if name := getenv("USER"); name != "" {
		return name
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

func runVaultInit(o *vaultInitOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	if o.Name == "" {
		o.Name = defaultName(o.Dir, o.Getenv)
	}
	res, err := vault.Init(p, vault.InitOptions{Name: o.Name, Force: o.Force, Identity: o.Identity, Getenv: o.Getenv, Home: o.Home})
	if err != nil {
		return err
	}
	if res.Created {
		fmt.Fprintf(o.IO.Out, "created a new identity in %s (back it up; it is the only key to your scenarios)\n", res.From)
	}
	fmt.Fprintf(o.IO.Out, "wrote %s with your key from %s\n", res.File, res.From)
	if res.Stale > 0 {
		fmt.Fprintf(o.IO.Out, "%d sealed file(s) are still addressed to the old recipients: run irp vault rekey -i OLD-KEY (for the demo: -i testdata/demo-instigator.key)\n", res.Stale)
	}
	return nil
}
