package main

import (
	"cmp"
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/vault"
)

type vaultEditOptions struct {
	*Factory
	ID         string
	Disk       bool
	Identities []string
}

func newVaultEditCmd(f *Factory, runF func(*vaultEditOptions) error) *cobra.Command {
	o := &vaultEditOptions{Factory: f}
	cmd := verb("edit ID", "Edit a sealed scenario in $EDITOR and re-seal it if it changed",
		cobra.ExactArgs(1), o, func(args []string) { o.ID = args[0] }, runF, runVaultEdit)
	cmd.Flags().BoolVar(&o.Disk, "disk", false, "allow a temp dir on disk when no memory-backed one is found")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runVaultEdit(o *vaultEditOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	editor := cmp.Or(o.Getenv("EDITOR"), o.Getenv("VISUAL"))
	ed := vault.Editor{Command: strings.Fields(editor), Stdin: o.IO.In, Stdout: o.IO.Out, Stderr: o.IO.ErrOut,
		Interactive: o.IO.IsTerminal(), RuntimeDir: o.Getenv("XDG_RUNTIME_DIR"), Disk: o.Disk}
	return vault.EditScenario(o.IO.Out, v, o.ID, o.LoadKeys(o.Identities), ed)
}
