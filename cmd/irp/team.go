package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"irp/internal/doc"
	"irp/internal/ledger"
	"irp/internal/scenario"
	"irp/internal/session"
	"irp/internal/team"
)

func init() { addCommand("", newTeamCmd) }

func newTeamCmd() *cobra.Command {
	var asJSON bool
	var idFiles []string
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			env, err := sessionEnv()
			if err != nil {
				return wrapf(err, "team")
			}
			keys, err := loadKeys(idFiles)
			if err != nil {
				return wrapf(err, "team")
			}
			people, _, err := teamView(env, keys, "")
			if err != nil {
				return wrapf(err, "team")
			}
			comps := team.Components(people)
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					People     []team.Person `json:"people"`
					Components []string      `json:"components"`
				}{people, comps})
			}
			return team.WriteText(out, people, comps, env.Params.Prerequisites)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: people and the components practised")
	identityFlag(cmd, &idFiles)
	return cmd
}

// teamView builds everyone's practice record from the project, opening the
// scenarios keys can open; the session named exclude (when not "") is left
// out, as if it had not happened yet.
func teamView(env *session.Env, keys keyring, exclude string) ([]team.Person, map[string]*scenario.Scenario, error) {
	entries, err := ledger.Read(env.Vault.LedgerFile())
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
func pickRanked(responders []string, ids []string, keys keyring) ([]team.Ranked, error) {
	env, err := sessionEnv()
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
func newGroundWarning(env *session.Env, page *session.Page, idFiles []string) (session.Warning, bool) {
	keys, err := loadKeys(idFiles)
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
	scenarioRow
	NewGround []string `json:"new_ground"`
	Reason    string   `json:"reason"`
}

// printPicked ranks the unseen scenarios rows for responders and prints
// them, best first, with the reason for each.
func printPicked(cmd *cobra.Command, rows []scenarioRow, responders, idFiles []string, asJSON bool) error {
	keys, _ := loadKeys(idFiles)
	ids := make([]string, len(rows))
	byID := map[string]scenarioRow{}
	for i, r := range rows {
		ids[i] = r.ID
		byID[r.ID] = r
	}
	ranked, err := pickRanked(responders, ids, keys)
	if err != nil {
		return wrapf(err, "vault pick")
	}
	out := make([]pickedRow, 0, len(ranked))
	for _, r := range ranked {
		out = append(out, pickedRow{scenarioRow: byID[r.ID], NewGround: r.New, Reason: r.Reason})
	}
	w := cmd.OutOrStdout()
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

// currentTrend computes the trend of the published sessions and the files
// that hold it under content/sessions.
func currentTrend(env *session.Env) (jsonData, svg []byte, err error) {
	entries, err := ledger.Read(env.Vault.LedgerFile())
	if err != nil {
		return nil, nil, err
	}
	held, _, err := team.LoadSessions(env.Sessions())
	if err != nil {
		return nil, nil, err
	}
	return team.TrendFiles(team.Trend(held, func(id string) bool { return ledger.IsRetired(entries, id) }))
}

// writeTrend redraws the trend chart after a publish. A failure is
// reported, not fatal: the summary is published either way.
func writeTrend(env *session.Env, errOut io.Writer) {
	if err := redrawTrend(env); err != nil {
		fmt.Fprintf(errOut, "irp: the trend chart on the sessions page was not redrawn: %v\n", err)
	}
}

// redrawTrend rewrites content/sessions/trend.json and trend.svg, the
// chart and table on the sessions list page.
func redrawTrend(env *session.Env) error {
	j, svg, err := currentTrend(env)
	if err != nil {
		return err
	}
	if err := session.WriteFile(filepath.Join(env.Sessions(), team.TrendFile), j); err != nil {
		return err
	}
	return session.WriteFile(filepath.Join(env.Sessions(), team.ChartFile), svg)
}

// checkTrend is irp check's step for the trend chart: a warning when
// trend.json or trend.svg no longer match the published summaries.
func checkTrend(r *checkRun) error {
	env, err := session.Load(r.project)
	if err != nil {
		return nil // the vault and ledger steps report it
	}
	j, svg, err := currentTrend(env)
	if err != nil {
		return nil
	}
	var stale []string
	for _, f := range []struct {
		name string
		want []byte
	}{{team.TrendFile, j}, {team.ChartFile, svg}} {
		path := filepath.Join(env.Sessions(), f.name)
		got, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) && bytes.Equal(j, []byte("[]\n")) {
			continue // nothing published, nothing to draw
		}
		if !bytes.Equal(got, f.want) {
			stale = append(stale, r.project.Rel(path))
		}
	}
	if len(stale) > 0 {
		fmt.Fprintf(r.cmd.OutOrStdout(), "%s: warning: the trend chart is out of date with the published summaries (irp session trend redraws it)\n", strings.Join(stale, ", "))
	}
	return nil
}
