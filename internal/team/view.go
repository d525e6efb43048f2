package team

import (
	"encoding/json"
	"io"

	"irp/internal/scenario"
	"irp/internal/session"
	"irp/internal/vault"
)

// View builds everyone's practice record from the project of env, opening
// the scenarios keys can open, which it returns too; the session named
// exclude (when not "") is left out, as if it had not happened yet.
func View(env *session.Env, keys vault.Keys, exclude string) ([]Person, map[string]*scenario.Scenario, error) {
	entries, held, err := history(env)
	if err != nil {
		return nil, nil, err
	}
	scenarios, err := Scenarios(env.Vault, env.Project.Content(), keys.IDs)
	if err != nil {
		return nil, nil, keys.Explain(err)
	}
	return Build(Input{
		People:        env.People,
		Ledger:        entries,
		Sessions:      held,
		Components:    ComponentsOf(scenarios),
		Prerequisites: env.Params.Prerequisites,
		Exclude:       exclude,
	}), scenarios, nil
}

// WriteJSON writes people and the components they practised as irp team
// --json shows them.
func WriteJSON(w io.Writer, people []Person) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		People     []Person `json:"people"`
		Components []string `json:"components"`
	}{people, Components(people)})
}

// Show writes what each person has practised, as irp team shows it: a
// table, or JSON when asJSON.
func Show(w io.Writer, env *session.Env, keys vault.Keys, asJSON bool) error {
	if keys.Err != nil {
		return keys.Err
	}
	people, _, err := View(env, keys, "")
	switch {
	case err != nil:
		return err
	case asJSON:
		return WriteJSON(w, people)
	}
	return WriteText(w, people, Components(people), env.Params.Prerequisites)
}
