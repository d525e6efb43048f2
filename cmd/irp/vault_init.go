package main

import (
	"fmt"
	"os"
	"os/user"

	"github.com/spf13/cobra"

	"irp/internal/project"
	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultInitCmd) }

func newVaultInitCmd() *cobra.Command {
	var name string
	var force bool
	var idFile string
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
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := project.Find(".")
			if err != nil {
				return wrapf(err, "vault init")
			}
			if name == "" {
				if u, err := user.Current(); err == nil {
					name = u.Username
				}
			}
			home, _ := os.UserHomeDir()
			res, err := vault.Init(p, vault.InitOptions{Name: name, Force: force, Identity: idFile, Getenv: os.Getenv, Home: home})
			if err != nil {
				return wrapf(err, "vault init")
			}
			out := cmd.OutOrStdout()
			if res.Created {
				fmt.Fprintf(out, "created a new identity in %s (back it up; it is the only key to your scenarios)\n", res.From)
			}
			fmt.Fprintf(out, "wrote %s with your key from %s\n", res.File, res.From)
			if res.Stale > 0 {
				fmt.Fprintf(out, "%d sealed file(s) are still addressed to the old recipients: run irp vault rekey -i OLD-KEY (for the demo: -i testdata/demo-instigator.key)\n", res.Stale)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "name written after your key (default: your user name)")
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing recipients file")
	cmd.Flags().StringVarP(&idFile, "identity", "i", "", "your identity file (its public key is used)")
	return cmd
}
