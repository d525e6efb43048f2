package session

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Facts are what Validate knows about the session's scenario from the
// vault and the ledger.
type Facts struct {
	Ladder  []string // the scenario's hint ladder; nil when it was not opened
	Title   string   // the scenario's title; "" when it was not opened
	Retired bool     // the scenario has left the pool
	// Impact is the impact.json next to the page (irp impact --json), nil
	// when there is none; ImpactName names it in messages.
	Impact     []byte
	ImpactName string
	// Now, when set, rejects an incident that has not ended yet: the site
	// leaves out pages dated in the future.
	Now time.Time
}

// Validate reports everything that keeps s from being published.
func Validate(s *Summary, f Facts) []Problem {
	var out []Problem
	add := func(line int, field, format string, args ...any) {
		out = append(out, Problem{File: s.Name, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	switch s.Status {
	case Planned, Run, Published:
	case "":
		add(s.Doc.FrontLine, "status", "missing (planned, run or published)")
	default:
		add(s.Doc.FrontLine, "status", "%q is not planned, run or published", s.Status)
	}
	if s.Coordinator != "" && !slices.Contains(s.Responders, s.Coordinator) {
		add(s.front.line("coordinator", 0), "coordinator", "%s is not one of the responders", s.Coordinator)
	}
	if !s.validScenario() {
		add(s.Doc.FrontLine, "scenario", "%q is not a scenario id", s.Scenario)
	}
	day := s.Day()
	switch {
	case !s.Date.Set:
		add(s.Doc.FrontLine, "date", "missing: the session's day in UTC, like 2026-12-01T13:00:00Z")
	case s.Date.Err != "":
		add(s.Date.Line, "date", "%s", s.Date.Err)
	}
	measured := impactWindow(f.Impact)
	checkTime := func(field string, t Time, required bool) bool {
		switch {
		case !t.Set:
			if required {
				like := exampleTime(day)
				offer := ""
				if w := measured[field]; w != "" {
					offer = fmt.Sprintf(" (%s's window says %s = %s)", f.ImpactName, field, w)
				}
				add(s.Doc.FrontLine, field, "missing: when the incident %s, in UTC, like %s%s", map[string]string{"start": "started", "end": "ended (service restored)"}[field], like, offer)
			}
			return false
		case t.Err != "":
			add(t.Line, field, "%s", t.Err)
			return false
		case !day.IsZero() && !sameDay(t.T, day):
			add(t.Line, field, "%s is not on the session's day (%s UTC)", t.T.Format(time.RFC3339), day.Format(time.DateOnly))
			return false
		}
		return true
	}
	startOK := checkTime("start", s.Start, true)
	endOK := checkTime("end", s.End, true)
	if startOK && endOK && !s.Start.T.Before(s.End.T) {
		add(s.End.Line, "end", "%s is not after start %s", s.End.T.Format(time.RFC3339), s.Start.T.Format(time.RFC3339))
		endOK = false
	}
	if endOK && !f.Now.IsZero() && s.End.T.After(f.Now) {
		add(s.End.Line, "end", "%s is in the future: publish after the session", s.End.T.Format(time.RFC3339))
	}
	if startOK && s.WindowStart.Set && s.WindowEnd.Set && s.WindowStart.Err == "" && s.WindowEnd.Err == "" &&
		(s.Start.T.Before(s.WindowStart.T) || s.Start.T.After(s.WindowEnd.T)) {
		add(s.Start.Line, "start", "%s is outside the announced window %s/%s", s.Start.T.Format(time.RFC3339),
			s.WindowStart.T.Format(time.RFC3339), s.WindowEnd.T.Format(time.RFC3339))
	}
	during := func(field string, at Time, line int) {
		if !at.Set {
			add(line, field, "at is missing: when it happened, in UTC, like %s", exampleTime(day))
			return
		}
		if !checkTime(field, at, false) {
			return
		}
		if startOK && endOK && (at.T.Before(s.Start.T) || at.T.After(s.End.T)) {
			add(line, field, "at %s is outside the incident (%s to %s)", at.T.Format(time.RFC3339),
				s.Start.T.Format("15:04:05"), s.End.T.Format("15:04:05"))
		}
	}
	if len(s.Timeline) == 0 {
		add(s.Doc.FrontLine, "timeline", "no [[timeline]] entry: the page's timeline table comes from them (at, event, note; one per moment: %s)", strings.Join(TimelineEvents, ", "))
	}
	for _, e := range s.Timeline {
		if strings.TrimSpace(e.Event) == "" {
			add(e.Line, "timeline", "event is missing (one of %s, or your own words)", strings.Join(TimelineEvents, ", "))
		}
		during("timeline", e.At, e.Line)
	}
	for _, h := range s.Hints {
		switch {
		case h.Rung < 1:
			add(h.Line, "hints", "rung %d does not exist: rungs count from 1", h.Rung)
		case f.Ladder != nil && h.Rung > len(f.Ladder):
			add(h.Line, "hints", "rung %d does not exist: scenario %s has %d rung(s) in its hint ladder", h.Rung, s.Scenario, len(f.Ladder))
		}
		during("hints", h.At, h.Line)
	}
	for _, name := range RequiredSections {
		body, line, ok := s.Section(name)
		switch {
		case !ok:
			add(s.Doc.BodyLine, "sections", "%q is missing (a summary has %s)", name, strings.Join(RequiredSections, ", "))
		case blank(body):
			add(line, "sections", "%q is empty", name)
		}
	}
	if f.Impact != nil {
		out = append(out, checkImpact(f.ImpactName, f.Impact)...)
	}
	if !f.Retired {
		out = append(out, spoilers(s, f)...)
	}
	return out
}

// spoilers finds what a page must not say while its scenario is in the pool:
// the scenario's title, or a link to its (not yet published) full text.
func spoilers(s *Summary, f Facts) []Problem {
	var out []Problem
	lines := strings.Split(string(s.Doc.Body), "\n")
	title := strings.ToLower(strings.TrimSpace(f.Title))
	link := "scenarios/" + strings.ToLower(s.Scenario)
	for i, l := range lines {
		low := strings.ToLower(l)
		n := s.Doc.BodyLine + i
		if title != "" && strings.Contains(low, title) {
			out = append(out, Problem{File: s.Name, Line: n, Msg: fmt.Sprintf("names the scenario's title %q while the scenario is in the pool: call it by the session's codename", f.Title)})
		}
		if s.Scenario != "" && strings.Contains(low, link) {
			out = append(out, Problem{File: s.Name, Line: n, Msg: fmt.Sprintf("links to scenario %s, which is still in the pool (the page links to it by itself once irp vault retire publishes it)", s.Scenario)})
		}
	}
	if title != "" && strings.Contains(strings.ToLower(s.Title), title) {
		out = append(out, Problem{File: s.Name, Line: s.front.line("title", 0), Field: "title",
			Msg: fmt.Sprintf("names the scenario's title %q while the scenario is in the pool", f.Title)})
	}
	return out
}

// checkImpact reports percentages outside 0–100 in an impact report (the
// JSON irp impact --json writes), naming the field path and line.
func checkImpact(name string, src []byte) []Problem {
	var out []Problem
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	type frame struct {
		array bool
		key   string
		index int
	}
	var stack []frame
	expectKey := false
	path := func() string {
		var b strings.Builder
		for _, f := range stack {
			switch {
			case f.array:
				fmt.Fprintf(&b, "[%d]", f.index)
			case f.key != "":
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(f.key)
			}
		}
		return b.String()
	}
	lineAt := func(off int64) int { return 1 + bytes.Count(src[:min(int(off), len(src))], []byte("\n")) }
	value := func() { // a value ended: advance the enclosing container
		if n := len(stack); n > 0 {
			if stack[n-1].array {
				stack[n-1].index++
			} else {
				expectKey = true
			}
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(out, Problem{File: name, Line: lineAt(dec.InputOffset()), Msg: "not an impact report (irp impact --json): " + err.Error()})
		}
		if len(stack) == 0 && tok != json.Delim('{') {
			return append(out, Problem{File: name, Line: lineAt(dec.InputOffset()), Msg: "not an impact report (irp impact --json): want a JSON object"})
		}
		if expectKey {
			if k, ok := tok.(string); ok {
				stack[len(stack)-1].key = k
				expectKey = false
				continue
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{})
				expectKey = true
			case '[':
				stack = append(stack, frame{array: true})
			case '}', ']':
				stack = stack[:len(stack)-1]
				expectKey = false
				value()
			}
		case json.Number:
			if n := len(stack); n > 0 && !stack[n-1].array && strings.HasSuffix(stack[n-1].key, "_pct") {
				v, err := t.Float64()
				if err != nil || v < 0 || v > 100 {
					out = append(out, Problem{File: name, Line: lineAt(dec.InputOffset()), Field: path(), Msg: fmt.Sprintf("%s is not a percentage between 0 and 100", t)})
				}
			}
			value()
		default:
			if n := len(stack); n > 0 && !stack[n-1].array && strings.HasSuffix(stack[n-1].key, "_pct") && tok != nil {
				out = append(out, Problem{File: name, Line: lineAt(dec.InputOffset()), Field: path(), Msg: fmt.Sprintf("%v is not a number", tok)})
			}
			value()
		}
	}
	return out
}

func sameDay(t, day time.Time) bool {
	y, m, d := t.UTC().Date()
	y2, m2, d2 := day.Date()
	return y == y2 && m == m2 && d == d2
}

func exampleTime(day time.Time) string {
	if day.IsZero() {
		return "2026-12-01T13:04:00Z"
	}
	return day.Add(13 * time.Hour).Format(time.RFC3339)
}

// impactWindow is the window irp impact measured, from impact.json:
// "start" and "end" as RFC 3339 UTC times, or nothing when there is none.
func impactWindow(b []byte) map[string]string {
	var rep struct {
		Window *struct{ Start, End string } `json:"window"`
	}
	if len(b) == 0 || json.Unmarshal(b, &rep) != nil || rep.Window == nil {
		return nil
	}
	out := map[string]string{}
	for field, v := range map[string]string{"start": rep.Window.Start, "end": rep.Window.End} {
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			out[field] = t.UTC().Format(time.RFC3339)
		}
	}
	return out
}
