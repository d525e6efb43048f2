package main

import (
	"errors"
	"fmt"
	"os"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/vault"
)

// identityFlag adds the repeatable -i flag shared by the vault verbs.
func identityFlag(cmd *cobra.Command, files *[]string) {
	cmd.Flags().StringArrayVarP(files, "identity", "i", nil,
		"identity file (age, ssh-ed25519, ssh-rsa; repeatable); default $IRP_IDENTITY, ~/.config/irp/identity, ~/.ssh/id_ed25519, ~/.ssh/id_rsa")
}

// openVault finds the project from the working directory and loads its vault.
func openVault() (*vault.Vault, error) {
	p, err := project.Find(".")
	if err != nil {
		return nil, err
	}
	return vault.Load(p)
}

// keyring is the caller's identities and the files they came from.
type keyring struct {
	ids   []age.Identity
	tried []string
}

func loadKeys(flags []string) (keyring, error) {
	home, _ := os.UserHomeDir()
	ids, tried, err := vault.LoadIdentities(flags, os.Getenv, home)
	if err != nil {
		var ne *vault.NoIdentityError
		if errors.As(err, &ne) {
			return keyring{}, problem.WithHint(err, "pass your key with -i FILE, or ask an organiser to add your public key (irp vault recipients add)")
		}
		return keyring{}, err
	}
	return keyring{ids, tried}, nil
}

// explain turns "no identity can open it" into a line naming the files tried.
func (k keyring) explain(err error) error {
	var nk *vault.NoKeyError
	if errors.As(err, &nk) {
		return problem.WithHint(&vault.NoIdentityError{Tried: k.tried, What: nk.File},
			"ask an organiser to add your public key to vault/recipients and run irp vault rekey")
	}
	return err
}

func wrapf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
