package session

import (
	"strings"
	"testing"
	"time"

	"irp/internal/journal"
)

const playedPage = `+++
title = "Practice session brisk-plover"
date = 2026-12-01T13:00:00Z
draft = true
status = "run"
scenario = "amber-heron"
instigators = ["ana"]
responders = ["cy", "dee", "eli"]
# start = 2026-12-01T13:04:00Z

[[timeline]]
at = 2026-12-01T13:20:00Z
event = "first response"
note = "written by hand" # stays as written

[[timeline]]
at = 2026-12-01T13:01:00Z
event = "old"
source = "journal"

# trailing comment stays
+++

## Summary

Body.
`

func TestApplyPlayed(t *testing.T) {
	s, err := Parse("index.md", []byte(playedPage))
	if err != nil {
		t.Fatal(err)
	}
	at := func(m int) time.Time { return time.Date(2026, 12, 1, 13, m, 0, 0, time.UTC) }
	p := Replay([]journal.Event{
		{Kind: journal.Induced, At: at(4), By: "ana"},
		{Kind: journal.Detected, At: at(10), By: "ana", Note: "alarm seen"},
		{Kind: journal.Detected, At: at(11), By: "ben"}, // counted once
		{Kind: journal.Hint, Rung: 1, At: at(30), By: "ana"},
		{Kind: journal.Note, At: at(31), By: "ana", Note: "the cause is X", Private: true},
		{Kind: journal.StatusReport, At: at(35), By: "ana"},
		{Kind: journal.Resolved, At: at(50), By: "ana"},
	})
	if len(p.Private) != 1 || p.Reports != 1 || len(p.Timeline) != 4 {
		t.Fatalf("replayed %+v", p)
	}
	out, err := ApplyPlayed(s, []byte(playedPage), p)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		"+++\nstart = 2026-12-01T13:04:00Z\nend = 2026-12-01T13:50:00Z\ntitle",
		"note = \"written by hand\" # stays as written\n",
		"# trailing comment stays\n",
		"at = 2026-12-01T13:10:00Z\nevent = \"detected\"\nnote = \"alarm seen\"\nsource = \"journal\"\n\n[[timeline]]\nat = 2026-12-01T13:20:00Z\nevent = \"first response\"",
		"[[hints]]\nrung = 1\nat = 2026-12-01T13:30:00Z\nsource = \"journal\"\n+++\n\n## Summary",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "old") || strings.Contains(got, "the cause") {
		t.Errorf("stale or private entry kept:\n%s", got)
	}
	// Applying again changes nothing.
	s2, err := Parse("index.md", out)
	if err != nil {
		t.Fatal(err)
	}
	again, err := ApplyPlayed(s2, out, p)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != got {
		t.Errorf("second apply differs:\n%s", again)
	}
}

func TestParseAt(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{
		"13:04":                  "2026-12-01T13:04:00Z",
		"13:04:05":               "2026-12-01T13:04:05Z",
		"2026-12-01T14:00:00Z":   "2026-12-01T14:00:00Z",
		"2026-12-01T15:00+01:00": "2026-12-01T14:00:00Z",
	} {
		got, err := ParseAt(in, day)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("ParseAt(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	if _, err := ParseAt("soon", day); err == nil {
		t.Error("soon parsed")
	}
}

// FuzzApplyPlayed: for any page that parses, writing a played session into
// it either fails or gives a page that parses, keeps every other field and
// the body, and reads back the journal's entries.
func FuzzApplyPlayed(f *testing.F) {
	f.Add([]byte(playedPage))
	f.Add([]byte("+++\ntitle = \"x\"\n[[hints]]\nrung = 2\n[extra]\na = 1\n+++\nbody\n"))
	f.Add([]byte("+++\r\nstart = 2026-12-01T13:00:00Z\r\n+++\r\n"))
	at := time.Date(2026, 12, 1, 13, 4, 0, 0, time.UTC)
	p := Replay([]journal.Event{
		{Kind: journal.Induced, At: at},
		{Kind: journal.Hint, Rung: 1, At: at.Add(time.Minute), Note: "a \"quoted\"\nnote\x01"},
		{Kind: journal.Resolved, At: at.Add(time.Hour)},
	})
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("index.md", src)
		if err != nil {
			return
		}
		out, err := ApplyPlayed(s, src, p)
		if err != nil {
			return
		}
		back, err := Parse("index.md", out)
		if err != nil {
			t.Fatalf("the result does not parse: %v\n%s", err, out)
		}
		if string(back.Doc.Body) != string(s.Doc.Body) || !back.Start.T.Equal(at) {
			t.Fatalf("body or start changed:\n%s", out)
		}
		n := 0
		for _, h := range back.Hints {
			if h.Source == FromJournal && h.Note == "a \"quoted\"\nnote\x01" {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("the journal's hint reads back %d times:\n%s", n, out)
		}
	})
}
