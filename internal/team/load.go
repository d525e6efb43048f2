package team

import (
	"errors"
	"os"
	"path/filepath"

	"filippo.io/age"

	"irp/internal/scenario"
	"irp/internal/vault"
)

// Scenarios opens every sealed scenario the identities open, and reads the
// retired ones published under content/scenarios. Scenarios sealed to
// someone else are left out, not an error.
func Scenarios(v *vault.Vault, content string, ids []age.Identity) (map[string]*scenario.Scenario, error) {
	out := map[string]*scenario.Scenario{}
	list, err := v.IDs()
	if err != nil {
		return nil, err
	}
	for _, id := range list {
		if len(ids) == 0 {
			break
		}
		s, err := v.Open(id, ids)
		if errors.Is(err, vault.ErrNoKey) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = s
	}
	pages, _ := filepath.Glob(filepath.Join(content, "scenarios", "*"))
	for _, path := range pages {
		id := filepath.Base(path)
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			path = filepath.Join(path, "index.md")
		} else if filepath.Ext(id) == ".md" {
			id = id[:len(id)-len(".md")]
		} else {
			continue
		}
		if _, ok := out[id]; ok || !scenario.ValidID(id) {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if s, err := scenario.Parse(path, src); err == nil {
			out[id] = s
		}
	}
	return out, nil
}

// ComponentsOf returns each scenario's components, by id.
func ComponentsOf(scenarios map[string]*scenario.Scenario) map[string][]string {
	out := make(map[string][]string, len(scenarios))
	for id, s := range scenarios {
		out[id] = s.Components
	}
	return out
}
