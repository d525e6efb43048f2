package team

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"irp/internal/session"
)

func held(t *testing.T, name, status, front string) Session {
	t.Helper()
	src := fmt.Sprintf("+++\ntitle = \"x\"\nstatus = %q\n%s\n+++\n\nBody.\n", status, front)
	s, err := session.Parse(name+"/index.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return Session{Name: name, Codename: s.Codename, Date: s.Date.T, Status: s.Status, Scenario: s.Scenario, Summary: s}
}

func trendFixture(t *testing.T) []Session {
	return []Session{
		// the RFD 111 names for the milestones, two hints
		held(t, "2026-10-01-alpha-one", "published", `codename = "alpha-one"
date = 2026-10-01T13:00:00Z
scenario = "amber-heron"
start = 2026-10-01T13:00:00Z
[[timeline]]
at = 2026-10-01T13:04:00Z
event = "alarm"
[[timeline]]
at = 2026-10-01T13:09:00Z
event = "first response"
[[timeline]]
at = 2026-10-01T13:58:30Z
event = "diagnosis"
[[timeline]]
at = 2026-10-01T14:07:00Z
event = "Mitigation"
[[hints]]
rung = 1
at = 2026-10-01T13:31:00Z
[[hints]]
rung = 2
at = 2026-10-01T13:41:00Z`),
		// irp session mark's names; no start: the induced mark stands in
		held(t, "2026-11-01-beta-two", "published", `codename = "beta-two"
date = 2026-11-01T13:00:00Z
scenario = "cobalt-wren"
[[timeline]]
at = 2026-11-01T13:10:00Z
event = "induced"
[[timeline]]
at = 2026-11-01T13:14:00Z
event = "detected"
[[timeline]]
at = 2026-11-01T13:40:00Z
event = "diagnosed"
[[timeline]]
at = 2026-11-01T13:52:00Z
event = "mitigated"`),
		// not diagnosed before mitigation was marked
		held(t, "2026-12-01-gamma-three", "published", `codename = "gamma-three"
date = 2026-12-01T13:00:00Z
scenario = "fern-signal"
start = 2026-12-01T13:00:00Z
[[timeline]]
at = 2026-12-01T13:03:00Z
event = "detected"
[[timeline]]
at = 2026-12-01T13:30:00Z
event = "mitigated"
[[hints]]
rung = 1
at = 2026-12-01T13:20:00Z`),
		// held but not published: not on the trend
		held(t, "2026-12-02-delta-four", "run", `codename = "delta-four"
date = 2026-12-02T13:00:00Z
scenario = "ash-compass"`),
	}
}

func TestTrend(t *testing.T) {
	got := Trend(trendFixture(t), func(id string) bool { return id == "cobalt-wren" })
	b, err := MarshalTrend(got)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "trend.json", b)
	f := func(v float64) *float64 { return &v }
	want := []struct {
		codename, scenario         string
		detect, diagnose, mitigate *float64
		hints                      int
	}{
		{"alpha-one", "", f(9), f(58.5), f(67), 2},
		{"beta-two", "cobalt-wren", f(4), f(30), f(42), 0},
		{"gamma-three", "", f(3), nil, f(30), 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d points, want %d", len(got), len(want))
	}
	eq := func(a, b *float64) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }
	for i, w := range want {
		p := got[i]
		if p.Codename != w.codename || p.Scenario != w.scenario || !eq(p.Detect, w.detect) || !eq(p.Diagnose, w.diagnose) || !eq(p.Mitigate, w.mitigate) || p.Hints != w.hints {
			t.Errorf("point %d: got %+v", i, p)
		}
	}
}

func TestTrendSVG(t *testing.T) {
	for _, points := range [][]Point{Trend(trendFixture(t), nil), nil} {
		svg := TrendSVG(points)
		// well-formed XML, no script, no external reference
		dec := xml.NewDecoder(bytes.NewReader(svg))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("not well-formed: %v\n%s", err, svg)
			}
			if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "script" || se.Name.Local == "image") {
				t.Errorf("has <%s>", se.Name.Local)
			}
		}
		for _, want := range []string{"minutes after the start", "published sessions, oldest first", "time to detect", "var(--fg", "prefers-color-scheme:dark", `role="img"`} {
			if !bytes.Contains(svg, []byte(want)) {
				t.Errorf("chart lacks %q", want)
			}
		}
		if strings.Contains(string(svg), "href") {
			t.Error("chart has a link or reference")
		}
	}
	svg := string(TrendSVG(Trend(trendFixture(t), nil)))
	for _, want := range []string{"alpha-one", "2 hints", "1 hint<", "gamma-three: mitigate 30 min", "alpha-one (2026-10-01): detect 9 min, diagnose 58.5 min, mitigate 67 min, 2 hints"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if !strings.Contains(string(TrendSVG(nil)), "no published session yet") {
		t.Error("an empty chart says nothing")
	}
}
