package followup

import (
	"errors"
	"strings"
	"testing"
	"time"

	"irp/internal/doc"
)

const page = `+++
title = "Practice session gentle-redstart"
status = "published"

[[timeline]]
at = 2026-11-10T13:06:00Z
event = "alarm"

[[followups]]
what = "Alarm on 503s per shard"
owner = "ana.lopez"
ticket = "https://tracker.example.com/OPS-1"
status = "open"
due = 2026-11-20

[[followups]]
what = "Add the shard split to the cheat-sheet"
owner = "docs"
status = "done"

[[ followups ]]
what = "Write down what was ruled out"
owner = "cy.tan"
due = 2026-12-20
status = "open"
+++

## Summary

Text.
`

func parse(t *testing.T, src string) *doc.Doc {
	t.Helper()
	d, err := doc.Parse("index.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestRead(t *testing.T) {
	items, probs := Read([]byte(page), parse(t, page))
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := []Item{
		{N: 1, What: "Alarm on 503s per shard", Owner: "ana.lopez", Ticket: "https://tracker.example.com/OPS-1", Status: Open, Due: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Line: 9},
		{N: 2, What: "Add the shard split to the cheat-sheet", Owner: "docs", Status: Done, Line: 16},
		{N: 3, What: "Write down what was ruled out", Owner: "cy.tan", Status: Open, Due: time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC), Line: 21},
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d", len(items), len(want))
	}
	for i := range want {
		if items[i] != want[i] {
			t.Errorf("item %d:\ngot  %+v\nwant %+v", i+1, items[i], want[i])
		}
	}
	now := time.Date(2026, 12, 4, 20, 0, 0, 0, time.UTC)
	if !items[0].Overdue(now) || items[1].Overdue(now) || items[2].Overdue(now) {
		t.Errorf("overdue: want only follow-up 1 on %s", now)
	}
	if items[0].Overdue(time.Date(2026, 11, 20, 23, 0, 0, 0, time.UTC)) {
		t.Error("due today is not past due")
	}
}

func TestReadYAML(t *testing.T) {
	src := "---\ntitle: x\nfollowups:\n  - what: Fix it\n    owner: ana\n    status: open\n    due: 2026-11-20\n  - what: Other\n    owner: ben\n    status: done\n---\n\nBody.\n"
	items, probs := Read([]byte(src), parse(t, src))
	if len(probs) != 0 || len(items) != 2 {
		t.Fatalf("items %+v problems %v", items, probs)
	}
	if items[0].Line != 4 || items[1].Line != 8 || items[0].Due.Format(time.DateOnly) != "2026-11-20" {
		t.Errorf("got %+v", items)
	}
}

func TestReadProblems(t *testing.T) {
	tests := []struct{ entry, want string }{
		{`what = "x"` + "\nstatus = \"open\"", "followups 1: owner is missing"},
		{`owner = "x"` + "\nstatus = \"open\"", "followups 1: what is missing"},
		{`what = "x"` + "\nowner = \"y\"", "followups 1: status is missing: open or done"},
		{`what = "x"` + "\nowner = \"y\"\nstatus = \"closed\"", `followups 1: status "closed" is not open or done`},
		{`what = "x"` + "\nowner = \"y\"\nstatus = \"open\"\nticket = \"OPS-1\"", `followups 1: ticket "OPS-1" is not an http(s) URL`},
		{`what = "x"` + "\nowner = \"y\"\nstatus = \"open\"\ndue = \"soon\"", "followups 1: due soon is not a date"},
		{`what = "x"` + "\nowner = \"y\"\nstatus = \"open\"\nwho = \"z\"", `followups 1: unknown field "who"`},
		{`what = 3` + "\nowner = \"y\"\nstatus = \"open\"", "followups 1: what must be text"},
	}
	for _, tt := range tests {
		src := "+++\ntitle = \"t\"\n\n[[followups]]\n" + tt.entry + "\n+++\n\nBody.\n"
		_, probs := Read([]byte(src), parse(t, src))
		if len(probs) == 0 || !strings.HasPrefix(probs[0].Error(), tt.want) || probs[0].Line != 4 {
			t.Errorf("%q: got %v, want %q at line 4", tt.entry, probs, tt.want)
		}
	}
}

func TestSetStatus(t *testing.T) {
	d := parse(t, page)
	out, err := SetStatus("index.md", []byte(page), d, 1, Done)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(page, "status = \"open\"\ndue = 2026-11-20", "status = \"done\"\ndue = 2026-11-20", 1)
	if string(out) != want {
		t.Errorf("got:\n%s", out)
	}
	// reopening the done one, and one without a status line at all
	if out, err = SetStatus("index.md", []byte(page), d, 2, Open); err != nil || !strings.Contains(string(out), "owner = \"docs\"\nstatus = \"open\"") {
		t.Errorf("reopen: %v\n%s", err, out)
	}
	noStatus := strings.Replace(page, "owner = \"docs\"\nstatus = \"done\"\n", "owner = \"docs\"\n", 1)
	out, err = SetStatus("index.md", []byte(noStatus), parse(t, noStatus), 2, Done)
	if err != nil || !strings.Contains(string(out), "[[followups]]\nstatus = \"done\"\nwhat = \"Add the shard") {
		t.Errorf("no status line: %v\n%s", err, out)
	}
	var re *RangeError
	if _, err := SetStatus("index.md", []byte(page), d, 4, Done); !errors.As(err, &re) || re.Count != 3 {
		t.Errorf("follow-up 4 of 3: %v", err)
	}
	yaml := "---\nfollowups:\n  - what: x\n    owner: y\n    status: open\n---\n"
	if _, err := SetStatus("index.md", []byte(yaml), parse(t, yaml), 1, Done); !errors.Is(err, ErrNotTOML) {
		t.Errorf("YAML: %v", err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(page))
	f.Add([]byte("---\nfollowups:\n  - what: x\n---\n"))
	f.Add([]byte("+++\nfollowups = 3\n+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := doc.Parse("index.md", src)
		if err != nil {
			return
		}
		items, _ := Read(src, d)
		for i, it := range items {
			if it.N != i+1 || it.Line < 1 {
				t.Fatalf("item %d: %+v", i, it)
			}
			if d.Format == doc.TOML {
				if _, err := SetStatus("index.md", src, d, it.N, Done); err != nil && !strings.Contains(err.Error(), "by hand") && !strings.Contains(err.Error(), "breaks the page") {
					t.Fatalf("SetStatus %d: %v", it.N, err)
				}
			}
		}
	})
}
