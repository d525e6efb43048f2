package session

import (
	"bytes"
	"testing"
	"time"

	"irp/internal/project"
	"irp/internal/testtree"
)

// TestEnvNewAvoidsVaultIDs plans a session in a project whose vault holds
// cobalt-wren besides the session's scenario: a codename drawn as
// cobalt-wren is passed over.
func TestEnvNewAvoidsVaultIDs(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{
		"config.toml":                     "title = \"x\"\n",
		"vault/scenarios/amber-heron.age": "sealed\n",
		"vault/scenarios/cobalt-wren.age": "sealed\n",
		"content/sessions/.keep":          "",
	})
	p, err := project.Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	env, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	plan, _, err := env.New(Options{Scenario: "amber-heron", Date: time.Date(2026, 12, 1, 13, 0, 0, 0, time.UTC),
		Instigators: []string{"ana"}, Responders: []string{"cy", "dee", "eli"},
		Rand: bytes.NewReader([]byte{6, 44, 1, 0})}) // cobalt-wren, then ashen-avocet
	if err != nil {
		t.Fatal(err)
	}
	if plan.Codename != "ashen-avocet" {
		t.Errorf("codename %q, want ashen-avocet: cobalt-wren is a scenario in the vault", plan.Codename)
	}
}
