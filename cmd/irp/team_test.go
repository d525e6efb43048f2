package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"irp/internal/team"
)

// irp team on the repository's example sessions: the made-up team's roles
// and what its people practised, as JSON.
func TestRunTeamJSON(t *testing.T) {
	f, out, errOut := testFactory(t)
	if err := runTeam(&teamOptions{Factory: f, JSON: true, Identities: []string{demoKey(t)}}); err != nil {
		t.Fatalf("%v (stderr %q)", err, errOut)
	}
	var got struct {
		People     []team.Person `json:"people"`
		Components []string      `json:"components"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	by := map[string]team.Person{}
	for _, p := range got.People {
		by[p.Handle] = p
	}
	if p := by["ana.lopez"]; p.Instigator != 4 || p.Responder != 0 || p.Last == nil || p.Last.Session != "2026-12-01-quiet-osprey" {
		t.Errorf("ana.lopez: %+v", p)
	}
	if p := by["eli.brandt"]; p.Responder != 2 || p.Coordinator != 1 || p.Components["webapi"] != 2 {
		t.Errorf("eli.brandt: %+v", p)
	}
	if !strings.Contains(strings.Join(got.Components, " "), "loadbalancer") {
		t.Errorf("components %v", got.Components)
	}
}

// vault pick's ranking runs without a process too: the reason is in the JSON.
func TestRunVaultPickRanked(t *testing.T) {
	f, out, _ := testFactory(t)
	err := runVaultPick(&vaultPickOptions{Factory: f, Responders: "hana.sato,jun.park,dee.moreau", JSON: true,
		Identities: []string{demoKey(t)}})
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		ID        string   `json:"id"`
		NewGround []string `json:"new_ground"`
		Reason    string   `json:"reason"`
	}
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || len(rows[0].NewGround) == 0 || !strings.HasPrefix(rows[0].Reason, "new ground: ") {
		t.Errorf("first pick should break new ground: %+v", rows)
	}
	for i := 1; i < len(rows); i++ {
		if len(rows[i].NewGround) > len(rows[i-1].NewGround) {
			t.Errorf("%s (%d new) ranked below %s (%d new)", rows[i].ID, len(rows[i].NewGround), rows[i-1].ID, len(rows[i-1].NewGround))
		}
	}
}

// demoKey is a private copy of the repository's demo key: git checks files
// out readable by all, and irp refuses such an identity file.
func demoKey(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/demo-instigator.key")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "demo.key")
	if err := os.WriteFile(name, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}
