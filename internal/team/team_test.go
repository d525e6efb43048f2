package team

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"irp/internal/ledger"
	"irp/internal/people"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is a team of six after two published sessions: ana and ben
// instigate, cy coordinates the first and eli the second.
func fixture(t *testing.T) Input {
	t.Helper()
	dir, err := people.Parse("people.toml", []byte(`
[ana]
name = "Ana Lopez"
experienced = true
prerequisites = ["VPN", "Two-factor"]
[ben]
sessions = 1
prerequisites = ["VPN"]
[cy]
prerequisites = ["VPN", "Two-factor"]
[dee]
[eli]
prerequisites = ["two-factor"]
[fay]
sessions = 3
prerequisites = ["VPN", "Two-factor"]
`))
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(13 * time.Hour)
	}
	sessions := []Session{
		{Name: "2026-10-01-alpha-one", Codename: "alpha-one", Date: day("2026-10-01"), Status: "published", Scenario: "amber-heron",
			Instigators: []string{"ana"}, Responders: []string{"ben", "cy", "dee"}, Coordinator: "cy"},
		{Name: "2026-11-01-beta-two", Codename: "beta-two", Date: day("2026-11-01"), Status: "published", Scenario: "cobalt-wren",
			Instigators: []string{"ana", "ben"}, Responders: []string{"cy", "eli", "fay"}, Coordinator: "eli"},
	}
	var entries []ledger.Entry
	for _, s := range sessions {
		for _, who := range s.Responders {
			entries = append(entries, ledger.Entry{Time: s.Date.Add(48 * time.Hour), Event: ledger.Seen, Scenario: s.Scenario, Who: who, Session: s.Name})
		}
	}
	return Input{
		People:   dir,
		Ledger:   entries,
		Sessions: sessions,
		Components: map[string][]string{
			"amber-heron": {"moray", "postgres"},
			"birch-tally": {"postgres", "moray"},
			"cobalt-wren": {"webapi", "loadbalancer"},
			"dusky-lark":  {"electric-moray", "webapi"},
			"fern-signal": {"storage"},
			"gale-ridge":  {"storage"},
			"ash-compass": {"webapi"},
		},
		Prerequisites: []string{"VPN", "Two-factor"},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -run %s -update rewrites it):\n%s", path, t.Name(), got)
	}
}

func TestBuild(t *testing.T) {
	ps := Build(fixture(t))
	b, err := json.MarshalIndent(ps, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "team.json", append(b, '\n'))
}

func TestBuildCounts(t *testing.T) {
	by := map[string]Person{}
	for _, p := range Build(fixture(t)) {
		by[p.Handle] = p
	}
	tests := []struct {
		who                    string
		resp, inst, coord      int
		experience, last, role string
		components             string
	}{
		{"ana", 0, 2, 0, "experienced", "2026-11-01-beta-two", Instigator, ""},
		{"ben", 1, 1, 0, "practised", "2026-11-01-beta-two", Instigator, "moray postgres"},
		{"cy", 2, 0, 1, "practised", "2026-11-01-beta-two", Responder, "loadbalancer moray postgres webapi"},
		{"dee", 1, 0, 0, "practised", "2026-10-01-alpha-one", Responder, "moray postgres"},
		{"eli", 1, 0, 1, "practised", "2026-11-01-beta-two", Coordinator, "loadbalancer webapi"},
		{"fay", 1, 0, 0, "experienced", "2026-11-01-beta-two", Responder, "loadbalancer webapi"},
	}
	for _, tt := range tests {
		p := by[tt.who]
		comps := Components([]Person{p})
		if p.Responder != tt.resp || p.Instigator != tt.inst || p.Coordinator != tt.coord || p.Experience != tt.experience ||
			p.Last == nil || p.Last.Session != tt.last || p.Last.Role != tt.role || strings.Join(comps, " ") != tt.components {
			t.Errorf("%s: got %d/%d/%d %s last %+v components %v", tt.who, p.Responder, p.Instigator, p.Coordinator, p.Experience, p.Last, comps)
		}
	}
	if got := by["eli"].Missing; strings.Join(got, ",") != "VPN" {
		t.Errorf("eli missing %v, want [VPN]", got)
	}
	if got := by["dee"].Missing; strings.Join(got, ",") != "VPN,Two-factor" {
		t.Errorf("dee missing %v, want both", got)
	}
}

func TestBuildExclude(t *testing.T) {
	in := fixture(t)
	in.Exclude = "2026-11-01-beta-two"
	for _, p := range Build(in) {
		if p.Handle == "eli" && (p.Responder != 0 || p.Coordinator != 0 || len(p.Components) != 0 || p.Experience != "newcomer") {
			t.Errorf("eli before beta-two: %+v", p)
		}
	}
}

func TestWriteText(t *testing.T) {
	in := fixture(t)
	ps := Build(in)
	var b bytes.Buffer
	if err := WriteText(&b, ps, Components(ps), in.Prerequisites); err != nil {
		t.Fatal(err)
	}
	golden(t, "team.txt", b.Bytes())
}

func TestRank(t *testing.T) {
	in := fixture(t)
	ps := Build(in)
	var cands []Candidate
	for _, id := range []string{"ash-compass", "birch-tally", "dusky-lark", "fern-signal", "gale-ridge", "hazel-moth"} {
		c := Candidate{ID: id, Components: in.Components[id], Difficulty: map[string]string{
			"ash-compass": "medium", "birch-tally": "hard", "dusky-lark": "medium", "fern-signal": "easy", "gale-ridge": "medium"}[id]}
		if id == "hazel-moth" {
			c.Sealed = true
		}
		cands = append(cands, c)
	}
	team := Of(ps, []string{"dee", "eli", "fay"})
	if got := Suits(team); got != "medium" {
		t.Errorf("Suits = %s, want medium (two practised, one experienced)", got)
	}
	want := []struct{ id, reason string }{
		{"gale-ridge", "new ground: storage; medium suits this team"},
		{"fern-signal", "new ground: storage; easy (this team suits medium)"},
		{"dusky-lark", "new ground: electric-moray; practised already: webapi 2/3; medium suits this team"},
		{"birch-tally", "no new ground, practised: postgres 1/3, moray 1/3; hard (this team suits medium)"},
		{"ash-compass", "no new ground, practised: webapi 2/3; medium suits this team"},
		{"hazel-moth", "sealed to you: its components and difficulty are unknown"},
	}
	got := Rank(team, cands)
	if len(got) != len(want) {
		t.Fatalf("got %d ranked, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].ID != w.id || got[i].Reason != w.reason {
			t.Errorf("rank %d: got %s %q, want %s %q", i+1, got[i].ID, got[i].Reason, w.id, w.reason)
		}
	}
}

func TestSuits(t *testing.T) {
	p := func(e string) Person { return Person{Experience: e} }
	tests := []struct {
		team []Person
		want string
	}{
		{nil, "medium"},
		{[]Person{p("newcomer"), p("newcomer"), p("practised")}, "easy"},
		{[]Person{p("newcomer"), p("experienced"), p("practised")}, "medium"},
		{[]Person{p("experienced"), p("experienced"), p("practised")}, "hard"},
	}
	for _, tt := range tests {
		if got := Suits(tt.team); got != tt.want {
			t.Errorf("Suits(%v) = %s, want %s", tt.team, got, tt.want)
		}
	}
}

func TestCovered(t *testing.T) {
	ps := Build(fixture(t))
	if got := Covered(Of(ps, []string{"cy", "dee", "ben"}), []string{"moray", "postgres"}); len(got) != 2 {
		t.Errorf("cy, dee, ben all practised moray and postgres: got %v", got)
	}
	if got := Covered(Of(ps, []string{"cy", "dee", "eli"}), []string{"moray", "postgres"}); got != nil {
		t.Errorf("eli has not practised moray: got %v", got)
	}
	if got := Covered(Of(ps, []string{"cy", "dee", "zed"}), []string{"moray"}); got != nil {
		t.Errorf("zed is unknown, a newcomer: got %v", got)
	}
}
