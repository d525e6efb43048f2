package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"irp/internal/doc"
	"irp/internal/scenario"
	"irp/internal/session"
	"irp/internal/team"
	"irp/internal/vault"
)

type teamOptions struct {
	*Factory
	JSON       bool
	Identities []string
}

func newTeamCmd(f *Factory, runF func(*teamOptions) error) *cobra.Command {
	o := &teamOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "team [--json]",
		Short: "Show what each person has practised: sessions, roles, components, missing prerequisites",
		Long: `Show, for everyone in vault/people.toml, the ledger and the held sessions:
how many sessions they took part in as responder, instigator and
coordinator, the last one, the components of the scenarios they have seen
(counted once per scenario), and the prerequisites of config.toml they
have not ticked. Then a people × components table: how often each person
has practised each component, "." for never.

Components are sealed inside the scenarios, so this needs an identity that
opens them; scenarios it cannot open are named, not counted.`,
		Example: `  irp team -i ~/.config/irp/identity
  irp team --json | jq '.people[] | select(.responder == 0) | .handle'`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runOr(runF, runTeam, o) },
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON: people and the components practised")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runTeam(o *teamOptions) error {
	env, _, err := o.session("")
	if err != nil {
		return err
	}
	keys, err := o.Keys(o.Identities)
	if err != nil {
		return err
	}
	people, _, err := teamView(env, keys, "")
	if err != nil {
		return err
	}
	comps := team.Components(people)
	if o.JSON {
		enc := json.NewEncoder(o.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			People     []team.Person `json:"people"`
			Components []string      `json:"components"`
		}{people, comps})
	}
	return team.WriteText(o.IO.Out, people, comps, env.Params.Prerequisites)
}

// teamView builds everyone's practice record from the project, opening the
// scenarios keys can open; the session named exclude (when not "") is left
// out, as if it had not happened yet.
func teamView(env *session.Env, keys keyring, exclude string) ([]team.Person, map[string]*scenario.Scenario, error) {
	entries, err := env.Vault.Ledger()
	if err != nil {
		return nil, nil, err
	}
	held, _, err := team.LoadSessions(env.Sessions())
	if err != nil {
		return nil, nil, err
	}
	scenarios, err := team.Scenarios(env.Vault, env.Project.Content(), keys.ids)
	if err != nil {
		return nil, nil, keys.explain(err)
	}
	return team.Build(team.Input{
		People:        env.People,
		Ledger:        entries,
		Sessions:      held,
		Components:    team.ComponentsOf(scenarios),
		Prerequisites: env.Params.Prerequisites,
		Exclude:       exclude,
	}), scenarios, nil
}

// pickRanked ranks the unseen scenarios in ids for responders, with a reason
// each; it is vault pick's ranking.
func pickRanked(f *Factory, responders []string, ids []string, keys keyring) ([]team.Ranked, error) {
	env, _, err := f.session("")
	if err != nil {
		return nil, err
	}
	people, scenarios, err := teamView(env, keys, "")
	if err != nil {
		return nil, err
	}
	var cands []team.Candidate
	for _, id := range ids {
		c := team.Candidate{ID: id, Sealed: true}
		if s := scenarios[id]; s != nil {
			c = team.Candidate{ID: id, Title: s.Title, Difficulty: s.Difficulty, Components: s.Components}
		}
		cands = append(cands, c)
	}
	return team.Rank(team.Of(people, responders), cands), nil
}

// newGroundWarning is session check's warning when the planned scenario
// covers only components every responder has practised before this
// session; "" when it does not, or when keys cannot open the scenario.
func newGroundWarning(f *Factory, env *session.Env, page *session.Page, idFiles []string) (session.Warning, bool) {
	keys, err := f.Keys(idFiles)
	if err != nil {
		return session.Warning{}, false
	}
	people, scenarios, err := teamView(env, keys, page.Name)
	s := scenarios[page.Scenario]
	if err != nil || s == nil {
		return session.Warning{}, false
	}
	covered := team.Covered(team.Of(people, page.Responders), s.Components)
	if covered == nil {
		return session.Warning{}, false
	}
	return session.Warning{
		Line: doc.FieldLine(page.Src, page.Doc.BodyLine, "scenario"),
		Msg: fmt.Sprintf("scenario %s covers only components every responder has practised (%s): no new ground for this team; irp vault pick ranks the others",
			page.Scenario, strings.Join(covered, ", ")),
	}, true
}

// pickedRow is a scenario as vault pick shows it: the list row, ranked.
type pickedRow struct {
	vault.Listing
	NewGround []string `json:"new_ground"`
	Reason    string   `json:"reason"`
}

// printPicked ranks the unseen scenarios rows for responders and prints
// them, best first, with the reason for each.
func printPicked(f *Factory, rows []vault.Listing, responders, idFiles []string, asJSON bool) error {
	keys, _ := f.Keys(idFiles)
	ids := make([]string, len(rows))
	byID := map[string]vault.Listing{}
	for i, r := range rows {
		ids[i] = r.ID
		byID[r.ID] = r
	}
	ranked, err := pickRanked(f, responders, ids, keys)
	if err != nil {
		return err
	}
	out := make([]pickedRow, 0, len(ranked))
	for _, r := range ranked {
		out = append(out, pickedRow{Listing: byID[r.ID], NewGround: r.New, Reason: r.Reason})
	}
	w := f.IO.Out
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(out) == 0 {
		_, err := fmt.Fprintln(w, "no scenario in the pool that none of them has seen")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RANK\tID\tTITLE\tDIFFICULTY\tCOMPONENTS\tREASON")
	for i, r := range out {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", i+1, r.ID, dash(r.Title), dash(r.Difficulty), dash(strings.Join(r.Components, ",")), r.Reason)
	}
	return tw.Flush()
}

// writeTrend redraws the trend chart after a publish. A failure is
// reported, not fatal: the summary is published either way.
func writeTrend(env *session.Env, errOut io.Writer) {
	if err := team.RedrawTrend(env); err != nil {
		fmt.Fprintf(errOut, "irp: the trend chart on the sessions page was not redrawn: %v\n", err)
	}
}
