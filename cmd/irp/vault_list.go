package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultListCmd) }

func newVaultListCmd() *cobra.Command {
	var asJSON bool
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the sealed scenarios: id, title, components, difficulty, status, sealed-to count",
		Long: `List every sealed scenario. Titles, components and difficulty are inside the
sealed files, so they are shown when your identity opens them; without one,
only ids, status and recipient counts are listed.`,
		Example: `  irp vault list
  irp vault list --json | jq -r '.[] | select(.status == "in pool") | .id'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault list")
			}
			rows, err := listScenarios(cmd, idFiles, func(ids []age.Identity) ([]vault.Listing, error) { return vault.List(v, ids) })
			if err != nil {
				return wrapf(err, "vault list")
			}
			return printRows(cmd, rows, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	identityFlag(cmd, &idFiles)
	return cmd
}

// listScenarios describes every sealed scenario, with what is inside the
// sealed files when the caller's identity opens them.
func listScenarios(cmd *cobra.Command, idFiles []string, list func(ids []age.Identity) ([]vault.Listing, error)) ([]vault.Listing, error) {
	keys, kerr := loadKeys(idFiles)
	if kerr != nil && len(idFiles) > 0 {
		return nil, kerr
	}
	rows, err := list(keys.ids)
	if err != nil {
		return nil, keys.explain(err)
	}
	if keys.ids == nil && len(rows) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "irp: titles are sealed, showing ids only: %v\n", kerr)
	}
	return rows, nil
}

func printRows(cmd *cobra.Command, rows []vault.Listing, asJSON bool) error {
	out := cmd.OutOrStdout()
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tDIFFICULTY\tCOMPONENTS\tSTATUS\tSEEN BY\tSEALED TO")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\n", r.ID, dash(r.Title), dash(r.Difficulty),
			dash(strings.Join(r.Components, ",")), r.Status, len(r.SeenBy), r.SealedTo)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
