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
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Edit a sealed scenario in $EDITOR and re-seal it if it changed",
		Long: `Decrypt a scenario into a private temp dir (mode 0700), open it in $EDITOR
(then $VISUAL, then vi), and re-seal it with the next revision if you
changed it. The files in the temp dir are overwritten with zeros and the
dir removed when the editor exits and when irp gets SIGINT, SIGTERM or
SIGHUP, with any swap or backup file the editor left in it.

The temp dir is in memory-backed storage: $XDG_RUNTIME_DIR, else /dev/shm,
when it is tmpfs (Linux). Where there is none (macOS; illumos, whose /tmp
irp does not check), edit refuses: on disk, removed plaintext may survive
in free blocks. --disk accepts a temp dir in $TMPDIR all the same.

vim, vi and nvim are started with -n -i NONE so they write no swap or
viminfo file. Other editors may keep backups or history of their own:
turn those off for the temp dir (for example nano without -B, Emacs with
make-backup-files and auto-save off).`,
		Example: `  irp vault edit amber-heron
  EDITOR="code --wait" irp vault edit amber-heron
  irp vault edit --disk amber-heron   # macOS: no memory-backed temp dir`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.ID = args[0]
			return runOr(runF, runVaultEdit, o)
		},
	}
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
