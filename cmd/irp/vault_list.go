package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"irp/internal/ledger"
	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultListCmd) }

// scenarioRow is one scenario as list and pick show it.
type scenarioRow struct {
	ID         string   `json:"id"`
	Title      string   `json:"title,omitempty"`
	Components []string `json:"components,omitempty"`
	Manta      []string `json:"manta,omitempty"`
	Difficulty string   `json:"difficulty,omitempty"`
	Estimated  string   `json:"estimated,omitempty"`
	Revision   int      `json:"revision,omitempty"`
	Status     string   `json:"status"`
	SeenBy     []string `json:"seen_by"`
	SealedTo   int      `json:"sealed_to"`
}

func newVaultListCmd() *cobra.Command {
	var asJSON bool
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the sealed scenarios: id, title, components, Manta versions, difficulty, status, sealed-to count",
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
			rows, err := scenarioRows(v, idFiles, cmd)
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

// scenarioRows describes every sealed scenario, decrypting what the
// caller's identity opens.
func scenarioRows(v *vault.Vault, idFiles []string, cmd *cobra.Command) ([]scenarioRow, error) {
	ids, err := v.IDs()
	if err != nil {
		return nil, err
	}
	entries, err := ledger.Read(v.LedgerFile())
	if err != nil {
		return nil, err
	}
	keys, kerr := loadKeys(idFiles)
	if kerr != nil && len(idFiles) > 0 {
		return nil, kerr
	}
	hidden := 0
	rows := make([]scenarioRow, 0, len(ids))
	for _, id := range ids {
		r := scenarioRow{ID: id, Status: "in pool", SeenBy: []string{}}
		if ledger.IsRetired(entries, id) {
			r.Status = "retired"
		}
		seen := map[string]bool{}
		for _, e := range entries {
			if e.Event == ledger.Seen && e.Scenario == id && !seen[e.Who] {
				seen[e.Who] = true
				r.SeenBy = append(r.SeenBy, e.Who)
			}
		}
		r.SealedTo, _ = v.SealedTo("scenarios/" + id)
		if keys.ids != nil {
			s, err := v.Open(id, keys.ids)
			if err != nil {
				return nil, keys.explain(err)
			}
			r.Title, r.Components, r.Manta, r.Difficulty, r.Estimated, r.Revision = s.Title, s.Components, s.Manta, s.Difficulty, s.Estimated, s.Revision
		} else {
			hidden++
		}
		rows = append(rows, r)
	}
	if hidden > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "irp: titles are sealed, showing ids only: %v\n", kerr)
	}
	return rows, nil
}

func printRows(cmd *cobra.Command, rows []scenarioRow, asJSON bool) error {
	out := cmd.OutOrStdout()
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tDIFFICULTY\tCOMPONENTS\tMANTA\tSTATUS\tSEEN BY\tSEALED TO")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", r.ID, dash(r.Title), dash(r.Difficulty),
			dash(strings.Join(r.Components, ",")), dash(strings.Join(r.Manta, ",")), r.Status, len(r.SeenBy), r.SealedTo)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
