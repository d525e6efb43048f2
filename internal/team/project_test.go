package team

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"irp/internal/project"
	"irp/internal/session"
	"irp/internal/vault"
)

// shipped is the repository's own project with its made-up team, and the
// demo instigator's key, which opens its scenarios.
func shipped(t *testing.T) (*session.Env, vault.Keys) {
	t.Helper()
	p, err := project.Find("../..")
	if err != nil {
		t.Fatal(err)
	}
	env, err := session.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	env.Now = func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }
	ids, err := vault.ParseIdentityFile(filepath.Join(p.Dir, "testdata", "demo-instigator.key"))
	if err != nil {
		t.Fatal(err)
	}
	return env, vault.Keys{IDs: ids}
}

// The made-up team's roles and what its people practised, as irp team
// --json shows them.
func TestViewShipped(t *testing.T) {
	env, keys := shipped(t)
	people, _, err := View(env, keys, "")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, people); err != nil {
		t.Fatal(err)
	}
	var got struct {
		People     []Person `json:"people"`
		Components []string `json:"components"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	by := map[string]Person{}
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

// vault pick's ranking: the first pick breaks new ground, and none is
// ranked above one that breaks more; the JSON carries the reason.
func TestPickShipped(t *testing.T) {
	env, keys := shipped(t)
	var warn bytes.Buffer
	picked, err := Pick(env, []string{"hana.sato", "jun.park", "dee.moreau"}, keys, &warn)
	if err != nil {
		t.Fatal(err)
	}
	if len(picked) == 0 || len(picked[0].NewGround) == 0 || !strings.HasPrefix(picked[0].Reason, "new ground: ") {
		t.Errorf("first pick should break new ground: %+v", picked)
	}
	for i := 1; i < len(picked); i++ {
		if len(picked[i].NewGround) > len(picked[i-1].NewGround) {
			t.Errorf("%s (%d new) ranked below %s (%d new)", picked[i].ID, len(picked[i].NewGround), picked[i-1].ID, len(picked[i-1].NewGround))
		}
	}
	var out bytes.Buffer
	if err := WritePicked(&out, picked, true); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		ID        string   `json:"id"`
		NewGround []string `json:"new_ground"`
		Reason    string   `json:"reason"`
	}
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil || len(rows) != len(picked) || rows[0].Reason != picked[0].Reason {
		t.Errorf("JSON %s: %v", out.Bytes(), err)
	}
}

// A responder nobody knows is named: a misspelt handle counts as someone
// who has seen nothing. Nothing picked is one line, not an empty table.
func TestPickUnknownAndNone(t *testing.T) {
	env, keys := shipped(t)
	var warn bytes.Buffer
	if _, err := Pick(env, []string{"hana.sato", "nobody.here"}, keys, &warn); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(warn.String(), "warning: nobody.here is not in vault/people.toml or the ledger") || strings.Contains(warn.String(), "hana.sato") {
		t.Errorf("warnings %q", warn.String())
	}
	var out bytes.Buffer
	if err := WritePicked(&out, nil, false); err != nil || out.String() != "no scenario in the pool that none of them has seen\n" {
		t.Errorf("%q, %v", out.String(), err)
	}
}
