package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"irp/internal/vault"
)

type vaultListOptions struct {
	*Factory
	JSON       bool
	Identities []string
}

func newVaultListCmd(f *Factory, runF func(*vaultListOptions) error) *cobra.Command {
	o := &vaultListOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the sealed scenarios: id, title, components, Manta versions, difficulty, status, sealed-to count",
		Long: `List every sealed scenario. Titles, components and difficulty are inside the
sealed files, so they are shown when your identity opens them; without one,
only ids, status and recipient counts are listed.`,
		Example: `  irp vault list
  irp vault list --json | jq -r '.[] | select(.status == "in pool") | .id'`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return runOr(runF, runVaultList, o)
		},
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print a JSON array")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runVaultList(o *vaultListOptions) error {
	v, err := o.Vault()
	if err != nil {
		return err
	}
	rows, err := listScenarios(o.Factory, o.Identities, func(ids []age.Identity) ([]vault.Listing, error) { return vault.List(v, ids) })
	if err != nil {
		return err
	}
	return printRows(o.IO.Out, rows, o.JSON)
}

// listScenarios describes the sealed scenarios list gives, with what is
// inside them when the caller's identity opens them.
func listScenarios(f *Factory, files []string, list func(ids []age.Identity) ([]vault.Listing, error)) ([]vault.Listing, error) {
	keys, kerr := f.Keys(files)
	if kerr != nil && len(files) > 0 {
		return nil, kerr
	}
	rows, err := list(keys.ids)
	if err != nil {
		return nil, keys.explain(err)
	}
	if keys.ids == nil && len(rows) > 0 {
		fmt.Fprintf(f.IO.ErrOut, "irp: titles are sealed, showing ids only: %v\n", kerr)
	}
	return rows, nil
}

func printRows(out io.Writer, rows []vault.Listing, asJSON bool) error {
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
