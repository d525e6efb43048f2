package vault

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"filippo.io/age"
)

// ListFor is List with the caller's keys: titles, components and difficulty
// when keys open the scenarios, else ids only, said on warn. Keys named
// with -i must load.
func ListFor(v *Vault, keys Keys, warn io.Writer) ([]Listing, error) {
	return listWith(keys, warn, func(ids []age.Identity) ([]Listing, error) { return List(v, ids) })
}

// PickFor is Pick with the caller's keys, as ListFor.
func PickFor(v *Vault, responders []string, keys Keys, warn io.Writer) ([]Listing, error) {
	return listWith(keys, warn, func(ids []age.Identity) ([]Listing, error) { return Pick(v, responders, ids) })
}

func listWith(keys Keys, warn io.Writer, list func([]age.Identity) ([]Listing, error)) ([]Listing, error) {
	if keys.Err != nil && keys.Named {
		return nil, keys.Err
	}
	rows, err := list(keys.IDs)
	if err != nil {
		return nil, keys.Explain(err)
	}
	if keys.IDs == nil && len(rows) > 0 {
		fmt.Fprintf(warn, "irp: titles are sealed, showing ids only: %v\n", keys.Err)
	}
	return rows, nil
}

// ShowList writes the vault's scenarios as irp vault list shows them
// (ListFor, then WriteList).
func ShowList(w, warn io.Writer, v *Vault, keys Keys, asJSON bool) error {
	rows, err := ListFor(v, keys, warn)
	if err != nil {
		return err
	}
	return WriteList(w, rows, asJSON)
}

// WriteList writes rows as irp vault list shows them: a table, or a JSON
// array.
func WriteList(w io.Writer, rows []Listing, asJSON bool) error {
	if asJSON {
		return writeJSON(w, rows)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tDIFFICULTY\tCOMPONENTS\tMANTA\tSTATUS\tSEEN BY\tSEALED TO")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", r.ID, Dash(r.Title), Dash(r.Difficulty),
			Dash(strings.Join(r.Components, ",")), Dash(strings.Join(r.Manta, ",")), r.Status, len(r.SeenBy), r.SealedTo)
	}
	return tw.Flush()
}

// WriteRecipients writes vault/recipients as a table: line, type, key, name.
func WriteRecipients(w io.Writer, v *Vault) error {
	if !v.HasFile {
		return v.missingRecipients()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LINE\tTYPE\tKEY\tNAME")
	for _, r := range v.Recipients {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.Line, r.Kind, r.Short(), Dash(r.Name))
	}
	return tw.Flush()
}

func (v *Vault) missingRecipients() error {
	return fmt.Errorf("%s is missing (run irp vault init)", v.rel(v.RecipientsFile()))
}

// Dash is s, or "-" for an empty cell of a table.
func Dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// writeJSON writes v as indented JSON, as every --json of irp does.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
