package session

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"irp/internal/ledger"
	"irp/internal/people"
)

const goodTOML = `+++
title = "Practice session brisk-plover"
date = 2026-12-01T13:00:00Z
draft = true
status = "run"
codename = "brisk-plover"
scenario = "amber-heron"
instigators = ["ana"]
responders = ["cy", "dee", "eli"]
start = 2026-12-01T13:04:00Z
end = 2026-12-01T14:31:00Z

[[timeline]]
at = 2026-12-01T13:06:00Z
event = "alarm"

[[hints]]
rung = 2
at = 2026-12-01T13:50:00Z
+++

## Summary

Uploads failed.

## Impact

Writes failed.

## Timeline

Alarm first.

## Hints used

One.

## Lessons

Look wider.

## Process suggestions

Shorter calls.
`

const goodYAML = `---
title: Practice session brisk-plover
date: 2026-12-01T13:00:00Z
draft: true
status: run
codename: brisk-plover
scenario: amber-heron
instigators: [ana]
responders: [cy, dee, eli]
start: "2026-12-01T13:04:00Z"
end: 2026-12-01T14:31:00Z
timeline:
  - at: 2026-12-01T13:06:00Z
    event: alarm
hints:
  - rung: 2
    at: 2026-12-01T13:50:00Z
---
` + "\n## Summary\n\nUploads failed.\n\n## Impact\n\nWrites failed.\n\n## Timeline\n\nAlarm first.\n\n## Hints used\n\nOne.\n\n## Lessons\n\nLook wider.\n\n## Process suggestions\n\nShorter calls.\n"

var ladder = []string{"look at the dashboard", "what is the write rate?", "is every primary writable?"}

func mustParse(t *testing.T, src string) *Summary {
	t.Helper()
	s, err := Parse("index.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return s
}

func TestParseBothFormats(t *testing.T) {
	for name, src := range map[string]string{"toml": goodTOML, "yaml": goodYAML} {
		t.Run(name, func(t *testing.T) {
			s := mustParse(t, src)
			if s.Status != Run || !s.Draft || s.Scenario != "amber-heron" || len(s.Responders) != 3 {
				t.Errorf("parsed %+v", s)
			}
			if !s.Start.Set || s.Start.Err != "" || !s.Start.T.Equal(time.Date(2026, 12, 1, 13, 4, 0, 0, time.UTC)) {
				t.Errorf("start %+v", s.Start)
			}
			if len(s.Timeline) != 1 || s.Timeline[0].Event != "alarm" || len(s.Hints) != 1 || s.Hints[0].Rung != 2 {
				t.Errorf("timeline %+v hints %+v", s.Timeline, s.Hints)
			}
			if probs := Validate(s, Facts{Ladder: ladder, Title: "Moray shard refuses writes"}); len(probs) != 0 {
				t.Errorf("Validate: %v", probs)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		facts    Facts
		want     string // a problem's text must contain this
	}{
		{"offset", "start = 2026-12-01T13:04:00Z", "start = 2026-12-01T14:04:00+01:00", Facts{}, "index.md:10: start: 2026-12-01T14:04:00+01:00 is not in UTC"},
		{"local", "end = 2026-12-01T14:31:00Z", "end = 2026-12-01T14:31:00", Facts{}, "index.md:11: end: 2026-12-01T14:31:00 has no time zone"},
		{"string time", "end = 2026-12-01T14:31:00Z", `end = "half past two"`, Facts{}, `index.md:11: end: "half past two" is not a date and time`},
		{"other day", "end = 2026-12-01T14:31:00Z", "end = 2026-12-02T14:31:00Z", Facts{}, "is not on the session's day (2026-12-01 UTC)"},
		{"order", "end = 2026-12-01T14:31:00Z", "end = 2026-12-01T13:04:00Z", Facts{}, "index.md:11: end: 2026-12-01T13:04:00Z is not after start"},
		{"rung high", "rung = 2", "rung = 9", Facts{Ladder: ladder}, "index.md:17: hints: rung 9 does not exist: scenario amber-heron has 3 rung(s)"},
		{"rung zero", "rung = 2", "rung = 0", Facts{}, "rung 0 does not exist: rungs count from 1"},
		{"hint late", "at = 2026-12-01T13:50:00Z", "at = 2026-12-01T15:50:00Z", Facts{}, "hints: at 2026-12-01T15:50:00Z is outside the incident"},
		{"no event", `event = "alarm"`, `note = "x"`, Facts{}, "index.md:13: timeline: event is missing"},
		{"no timeline", "[[timeline]]\nat = 2026-12-01T13:06:00Z\nevent = \"alarm\"\n", "", Facts{}, "index.md:2: timeline: no [[timeline]] entry"},
		{"status", `status = "run"`, `status = "done"`, Facts{}, `status: "done" is not planned, run or published`},
		{"no date", "date = 2026-12-01T13:00:00Z\n", "", Facts{}, "date: missing"},
		{"section gone", "## Lessons\n\nLook wider.\n", "", Facts{}, `sections: "Lessons" is missing`},
		{"section empty", "Shorter calls.", "<!-- later -->", Facts{}, `index.md:42: sections: "Process suggestions" is empty`},
		{"title", "Uploads failed.", "Moray Shard Refuses Writes, as planned.", Facts{Title: "Moray shard refuses writes"}, "index.md:24: names the scenario's title"},
		{"link", "Uploads failed.", "[x](/scenarios/amber-heron.md)", Facts{}, "links to scenario amber-heron, which is still in the pool"},
		{"impact", "", "", Facts{Impact: []byte("{\"total\": {\"failed_pct\": 101}}"), ImpactName: "impact.json"}, "impact.json:1: total.failed_pct: 101 is not a percentage between 0 and 100"},
		{"impact junk", "", "", Facts{Impact: []byte("[1,2]"), ImpactName: "impact.json"}, "not an impact report"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := goodTOML
			if tt.old != "" {
				if !strings.Contains(src, tt.old) {
					t.Fatalf("%q not in the page", tt.old)
				}
				src = strings.Replace(src, tt.old, tt.new, 1)
			}
			probs := Validate(mustParse(t, src), tt.facts)
			var all []string
			for _, p := range probs {
				all = append(all, p.Error())
				if strings.Contains(p.Error(), tt.want) {
					return
				}
			}
			t.Errorf("no problem contains %q; got:\n%s", tt.want, strings.Join(all, "\n"))
		})
	}
}

func TestRetiredMayNameTheScenario(t *testing.T) {
	src := strings.Replace(goodTOML, "Uploads failed.", "Moray shard refuses writes: see [it](/scenarios/amber-heron.md).", 1)
	if probs := Validate(mustParse(t, src), Facts{Title: "Moray shard refuses writes", Retired: true}); len(probs) != 0 {
		t.Errorf("retired scenario: %v", probs)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"## Summary\n", "index.md:1: session page has no front matter"},
		{"+++\ntitle = 3\n+++\n", "index.md:2: title: must be a string"},
		{"+++\ndraft = \"no\"\n+++\n", "index.md:2: draft: must be true or false"},
		{"+++\nx = 1\nresponders = \"a,b\"\n+++\n", "index.md:3: responders: must be a list of names"},
		{"+++\ntimeline = 3\n+++\n", "index.md:2: timeline: must be a list of tables"},
		{"+++\n[[hints]]\nrung = \"two\"\n+++\n", "index.md:2: hints: rung must be a whole number"},
		{"+++\ntitle = \"x\n+++\n", "index.md:2: front matter"},
	} {
		_, err := Parse("index.md", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestSetStatus(t *testing.T) {
	for name, src := range map[string]string{"toml": goodTOML, "yaml": goodYAML, "toml without fields": strings.Replace(strings.Replace(goodTOML, "draft = true\n", "", 1), "status = \"run\"\n", "", 1)} {
		t.Run(name, func(t *testing.T) {
			s := mustParse(t, src)
			out, err := SetStatus(s, []byte(src), Published, false)
			if err != nil {
				t.Fatal(err)
			}
			back := mustParse(t, string(out))
			if back.Status != Published || back.Draft {
				t.Fatalf("after SetStatus: status %q draft %v\n%s", back.Status, back.Draft, out)
			}
			if back.Title != s.Title || len(back.Timeline) != 1 || len(back.Hints) != 1 || string(back.Doc.Body) != string(s.Doc.Body) {
				t.Errorf("SetStatus changed more than status and draft:\n%s", out)
			}
			if d := len(strings.Split(string(out), "\n")) - len(strings.Split(src, "\n")); d < 0 || d > 2 {
				t.Errorf("line count changed by %d", d)
			}
		})
	}
}

func TestCheckImpactLines(t *testing.T) {
	src := "{\n \"total\": {\"failed_pct\": 50, \"x_pct\": \"a\"},\n \"operations\": [\n  {\"failed_pct\": 0},\n  {\"failed_pct\": 100.0001, \"statuses\": {\"503\": 1}}\n ]\n}\n"
	probs := checkImpact("impact.json", []byte(src))
	got := []string{}
	for _, p := range probs {
		got = append(got, p.Error())
	}
	want := []string{
		"impact.json:2: total.x_pct: a is not a number",
		"impact.json:5: operations[1].failed_pct: 100.0001 is not a percentage between 0 and 100",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestExperienceAndCheck(t *testing.T) {
	dir, err := people.Parse("people.toml", []byte("[ana]\nexperienced = true\n[bo]\nsessions = 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	entries := []ledger.Entry{
		{Event: ledger.Seen, Scenario: "x", Who: "bo", Session: "s1"},
		{Event: ledger.Seen, Scenario: "y", Who: "bo", Session: "s2"},
		{Event: ledger.Seen, Scenario: "amber-heron", Who: "cy", Session: "this"},
	}
	for who, want := range map[string]string{"ana": Experienced, "bo": Experienced, "cy": Practised, "new": Newcomer} {
		if got := Experience(dir, entries, who); got != want {
			t.Errorf("Experience(%s) = %s, want %s", who, got, want)
		}
	}
	s := mustParse(t, strings.Replace(goodTOML, `responders = ["cy", "dee", "eli"]`, `responders = ["cy", "bo", "new"]`, 1))
	ws := Check(s, "this", Record{People: dir, Ledger: entries, Sealed: true})
	for _, w := range ws {
		if strings.Contains(w.Msg, "seen") || strings.Contains(w.Msg, "team:") {
			t.Errorf("unexpected warning %q: the session's own ledger lines must not count", w.Msg)
		}
	}
	ws = Check(s, "other", Record{People: dir, Ledger: entries, Sealed: true})
	found := false
	for _, w := range ws {
		found = found || strings.Contains(w.Msg, "responder cy has already seen scenario amber-heron (in this)")
	}
	if !found {
		t.Errorf("no seen-before warning in %v", ws)
	}
}

func TestNewPageValidatesAfterTheCall(t *testing.T) {
	dir := t.TempDir()
	p, err := New(Options{Sessions: dir, Scenario: "amber-heron", Date: time.Date(2026, 12, 1, 13, 0, 0, 0, time.UTC),
		Instigators: []string{"ana"}, Responders: []string{"cy", "dee", "eli"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.Codename, "amber") && strings.Contains(p.Codename, "heron") {
		t.Errorf("codename %q is the scenario id", p.Codename)
	}
	names, _ := List(dir)
	if len(names) != 1 || names[0] != p.Name {
		t.Fatalf("List = %v", names)
	}
	s, err := Parse("index.md", mustRead(t, p.Dir+"/index.md"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != Planned || !s.Draft || s.Codename != p.Codename {
		t.Errorf("plan %+v", s)
	}
	got := map[string]int{}
	for _, pr := range Validate(s, Facts{}) {
		got[pr.Field]++
	}
	// A fresh plan lacks exactly what the follow-up call provides.
	if got["start"] != 1 || got["end"] != 1 || got["timeline"] != 1 || got["sections"] != 6 || len(got) != 4 {
		t.Errorf("fresh plan problems by field: %v", got)
	}
}

func TestWindowStartInside(t *testing.T) {
	ws := time.Date(2026, 12, 1, 13, 0, 0, 0, time.UTC)
	for i := 0; i < 20; i++ {
		var sealed string
		p, err := New(Options{Sessions: t.TempDir(), Scenario: "amber-heron", WindowStart: ws, WindowEnd: ws.Add(4 * time.Hour),
			Instigators: []string{"ana"}, Responders: []string{"cy"}, Seal: func(_ string, b []byte) error { sealed = string(b); return nil }})
		if err != nil {
			t.Fatal(err)
		}
		if p.Start.Before(ws) || !p.Start.Before(ws.Add(4*time.Hour)) || !strings.Contains(sealed, "start = "+p.Start.Format(time.RFC3339)) {
			t.Fatalf("start %v outside the window or not sealed (%q)", p.Start, sealed)
		}
		if page := string(mustRead(t, p.Dir+"/index.md")); strings.Contains(page, p.Start.Format("15:04:00Z")) && !p.Start.Equal(ws) {
			t.Fatalf("the page shows the sealed start %v", p.Start)
		}
	}
}

func FuzzParseSummary(f *testing.F) {
	f.Add([]byte(goodTOML))
	f.Add([]byte(goodYAML))
	f.Add([]byte("+++\n[[hints]]\nrung = 1\n[[timeline]]\nat = 2026-01-01T00:00:00Z\n+++\n## Summary\n"))
	f.Add([]byte("---\ntimeline:\n  - at: x\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("index.md", src)
		if err != nil {
			return
		}
		for _, p := range Validate(s, Facts{Ladder: ladder, Title: "t", Impact: src, ImpactName: "impact.json"}) {
			if p.Line < 0 {
				t.Fatalf("negative line in %v", p)
			}
		}
		_ = Check(s, "x", Record{})
		out, err := SetStatus(s, src, Published, false)
		if err != nil {
			return // front matter too odd to edit in place: reported, not written
		}
		back, err := Parse("index.md", out)
		if err != nil || back.Status != Published || back.Draft {
			t.Fatalf("SetStatus did not stick: %q %v\n%s", back.Status, back.Draft, out)
		}
	})
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCodenameIsNoScenarioID feeds New random bytes that first draw the
// session's own scenario id (amber-heron), then another scenario's
// (cobalt-wren): both must be passed over.
func TestCodenameIsNoScenarioID(t *testing.T) {
	draw := func(idx ...byte) *bytes.Reader { return bytes.NewReader(idx) }
	o := Options{Scenario: "amber-heron", Date: time.Date(2026, 12, 1, 13, 0, 0, 0, time.UTC),
		Instigators: []string{"ana"}, Responders: []string{"cy", "dee", "eli"}}

	o.Sessions, o.Rand = t.TempDir(), draw(0, 12, 6, 44)
	p, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if p.Codename != "cobalt-wren" {
		t.Fatalf("without Avoid: codename %q, want cobalt-wren (the draw after the scenario's own id)", p.Codename)
	}

	o.Sessions, o.Rand, o.Avoid = t.TempDir(), draw(0, 12, 6, 44, 1, 0), []string{"cobalt-wren", "slate-wren"}
	if p, err = New(o); err != nil {
		t.Fatal(err)
	}
	if p.Codename != "ashen-avocet" {
		t.Errorf("codename %q, want ashen-avocet: amber-heron and cobalt-wren are scenario ids", p.Codename)
	}

	// amber-avocet and ashen-heron each share a word with amber-heron.
	o.Sessions, o.Rand, o.Avoid = t.TempDir(), draw(0, 0, 1, 12, 1, 0), nil
	if p, err = New(o); err != nil {
		t.Fatal(err)
	}
	if p.Codename != "ashen-avocet" {
		t.Errorf("codename %q, want ashen-avocet: it must share no word with the scenario amber-heron", p.Codename)
	}
}
