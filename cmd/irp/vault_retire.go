package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"irp/internal/ledger"
	"irp/internal/scenario"
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
			entries, err := ledger.Read(v.LedgerFile())
			if err != nil {
				return wrapf(err, "vault retire %s", id)
			}
			if ledger.IsRetired(entries, id) {
				return fmt.Errorf("vault retire %s: already retired", id)
			}
			keys, err := loadKeys(idFiles)
			if err != nil {
				return wrapf(err, "vault retire %s", id)
			}
			s, err := v.Open(id, keys.ids)
			if err != nil {
				return wrapf(keys.explain(err), "vault retire %s", id)
			}
			now := time.Now().UTC()
			page, err := scenario.RetiredPage(s, now)
			if err != nil {
				return wrapf(err, "vault retire %s", id)
			}
			path := filepath.Join(v.Project.Content(), "scenarios", id+".md")
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return wrapf(err, "vault retire %s", id)
			}
			if err := os.WriteFile(path, page, 0o644); err != nil {
				return wrapf(err, "vault retire %s", id)
			}
			if err := ledger.Append(v.LedgerFile(), ledger.Entry{Time: now, Event: ledger.Retired, Scenario: id}); err != nil {
				os.Remove(path)
				return wrapf(err, "vault retire %s", id)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "retired %s: wrote %s and added it to %s\n", id, v.Project.Rel(path), v.Project.Rel(v.LedgerFile()))
			return nil
		},
	}
	identityFlag(cmd, &idFiles)
	return cmd
}
