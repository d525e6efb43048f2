package team

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"irp/internal/people"
	"irp/internal/session"
	"irp/internal/vault"
)

// Picked is a scenario as irp vault pick shows it: the list row, ranked.
type Picked struct {
	vault.Listing
	NewGround []string `json:"new_ground"`
	Reason    string   `json:"reason"`
}

// Pick ranks the scenarios of the pool that none of responders has seen,
// best first, each with its reason (see Rank). Scenarios keys cannot open
// come last, unranked. Responders nobody knows are named on warn: a
// misspelt handle counts as someone who has seen nothing.
func Pick(env *session.Env, responders []string, keys vault.Keys, warn io.Writer) ([]Picked, error) {
	warnUnknown(warn, env.Vault, responders)
	rows, err := vault.PickFor(env.Vault, responders, keys, warn)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	byID := map[string]vault.Listing{}
	for i, r := range rows {
		ids[i] = r.ID
		byID[r.ID] = r
	}
	ppl, scenarios, err := View(env, keys, "")
	if err != nil {
		return nil, err
	}
	var cands []Candidate
	for _, id := range ids {
		c := Candidate{ID: id, Sealed: true}
		if s := scenarios[id]; s != nil {
			c = Candidate{ID: id, Title: s.Title, Difficulty: s.Difficulty, Components: s.Components}
		}
		cands = append(cands, c)
	}
	ranked := Rank(Of(ppl, responders), cands)
	out := make([]Picked, 0, len(ranked))
	for _, r := range ranked {
		out = append(out, Picked{Listing: byID[r.ID], NewGround: r.New, Reason: r.Reason})
	}
	return out, nil
}

// Suggest writes on w what Pick ranks for responders: a table, or JSON
// when asJSON.
func Suggest(w, warn io.Writer, env *session.Env, responders []string, keys vault.Keys, asJSON bool) error {
	picked, err := Pick(env, responders, keys, warn)
	if err != nil {
		return err
	}
	return WritePicked(w, picked, asJSON)
}

// WritePicked writes what Pick ranked: a table, best first, or a JSON
// array.
func WritePicked(w io.Writer, picked []Picked, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(picked)
	}
	if len(picked) == 0 {
		_, err := fmt.Fprintln(w, "no scenario in the pool that none of them has seen")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RANK\tID\tTITLE\tDIFFICULTY\tCOMPONENTS\tREASON")
	for i, r := range picked {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", i+1, r.ID, vault.Dash(r.Title), vault.Dash(r.Difficulty), vault.Dash(strings.Join(r.Components, ",")), r.Reason)
	}
	return tw.Flush()
}

// warnUnknown names the responders neither vault/people.toml nor the
// ledger knows.
func warnUnknown(w io.Writer, v *vault.Vault, names []string) {
	dir, err := people.Load(filepath.Join(v.Project.Vault(), "people.toml"))
	if err != nil {
		return // session check and irp check report a broken people.toml
	}
	entries, err := v.Ledger()
	if err != nil {
		return
	}
	known := map[string]bool{}
	for _, e := range entries {
		known[e.Who] = true
	}
	for _, n := range dir.Unknown(names, known) {
		fmt.Fprintf(w, "warning: %s is not in vault/people.toml or the ledger: a misspelt name counts as someone who has seen nothing (irp people add %s)\n", n, n)
	}
}
