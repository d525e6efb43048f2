package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultRetireCmd) }

func newVaultRetireCmd() *cobra.Command {
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "retire ID",
		Short: "Publish a scenario's full text on the site; it leaves the pool",
		Long: `Write the whole scenario to content/scenarios/ID.md for the site, and
append a "retired" event to vault/ledger.jsonl, so irp vault pick no longer
offers it and the leak check no longer counts its text as secret. The
sealed file stays in the vault.`,
		Example: `  irp vault retire amber-heron && irp build`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault retire %s", id)
			}
			keys, err := loadKeys(idFiles)
			if err != nil {
				return wrapf(err, "vault retire %s", id)
			}
			path, err := vault.Retire(v, id, keys.ids, time.Now().UTC())
			if err != nil {
				return wrapf(keys.explain(err), "vault retire %s", id)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "retired %s: wrote %s and added it to %s\n", id, v.Project.Rel(path), v.Project.Rel(v.LedgerFile()))
			return nil
		},
	}
	identityFlag(cmd, &idFiles)
	return cmd
}
