package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultEditCmd) }

func newVaultEditCmd() *cobra.Command {
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Edit a sealed scenario in $EDITOR and re-seal it if it changed",
		Long: `Decrypt a scenario into a private temp dir (mode 0700), open it in $EDITOR
(then $VISUAL, then vi), and re-seal it with the next revision if you
changed it. The files in the temp dir are overwritten with zeros and the
dir removed when the editor exits and when irp gets SIGINT, SIGTERM or
SIGHUP.

vim, vi and nvim are started with -n -i NONE so they write no swap or
viminfo file. Other editors may keep backups or history of their own:
turn those off for the temp dir (for example nano without -B, Emacs with
make-backup-files and auto-save off).`,
		Example: `  irp vault edit amber-heron
  EDITOR="code --wait" irp vault edit amber-heron`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault edit %s", id)
			}
			keys, err := loadKeys(idFiles)
			if err != nil {
				return wrapf(err, "vault edit %s", id)
			}
			editor := os.Getenv("EDITOR")
			if editor == "" {
				editor = os.Getenv("VISUAL")
			}
			ed := vault.Editor{
				Command:     strings.Fields(editor),
				Stdin:       cmd.InOrStdin(),
				Stdout:      cmd.OutOrStdout(),
				Stderr:      cmd.ErrOrStderr(),
				Interactive: term.IsTerminal(int(os.Stdin.Fd())),
			}
			changed, err := v.Edit(id, keys.ids, ed)
			if err != nil {
				return wrapf(keys.explain(err), "vault edit %s", id)
			}
			if !changed {
				fmt.Fprintf(cmd.OutOrStdout(), "%s unchanged: nothing sealed\n", id)
				return nil
			}
			s, err := v.Open(id, keys.ids)
			if err != nil {
				return wrapf(keys.explain(err), "vault edit %s: reading back", id)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "sealed %s (revision %d) to %d recipient(s)\n", id, s.Revision, len(v.Recipients))
			return nil
		},
	}
	identityFlag(cmd, &idFiles)
	return cmd
}
