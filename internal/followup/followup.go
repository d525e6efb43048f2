// Package followup reads and closes the follow-ups of a session summary:
// what the follow-up call decided to do, who owns it, its ticket, whether
// it is done and by when.
//
// They are [[followups]] tables in the page's front matter:
//
//	[[followups]]
//	what = "Alarm on 503s per shard, not only in total"
//	owner = "ana.lopez"
//	ticket = "https://tracker.example.com/OPS-123"   # optional
//	status = "open"                                  # open or done
//	due = 2026-12-15                                 # optional
package followup

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"

	"irp/internal/doc"
)

// Statuses of a follow-up.
const (
	Open = "open"
	Done = "done"
)

// Item is one follow-up; N counts from 1 in page order.
type Item struct {
	N      int
	What   string
	Owner  string
	Ticket string
	Status string
	Due    time.Time // zero when none is set
	Line   int       // of its [[followups]] header, 1 when unknown
}

// Problem is a follow-up that cannot be read as one.
type Problem struct {
	Line int
	N    int
	Msg  string
}

func (p Problem) Error() string { return fmt.Sprintf("followups %d: %s", p.N, p.Msg) }

// Read returns the follow-ups of a page, and a problem for each entry that
// breaks the rules (what and owner set, status open or done, ticket an
// http(s) URL, due a date). Entries with problems are still returned.
func Read(src []byte, d *doc.Doc) ([]Item, []Problem) {
	v, ok := d.Params["followups"]
	if !ok {
		return nil, nil
	}
	lines := headerLines(src, d)
	var list []any
	switch l := v.(type) {
	case []any:
		list = l
	case []map[string]any:
		for _, m := range l {
			list = append(list, m)
		}
	default:
		return nil, []Problem{{Line: doc.FieldLine(src, d.BodyLine, "followups"), Msg: "must be a list of tables ([[followups]] with what, owner, ticket, status, due)"}}
	}
	var items []Item
	var probs []Problem
	for i, raw := range list {
		it := Item{N: i + 1, Line: doc.FieldLine(src, d.BodyLine, "followups")}
		if i < len(lines) {
			it.Line = lines[i]
		}
		bad := func(format string, args ...any) {
			probs = append(probs, Problem{Line: it.Line, N: it.N, Msg: fmt.Sprintf(format, args...)})
		}
		m, ok := raw.(map[string]any)
		if !ok {
			bad("must be a table with what, owner, status")
			continue
		}
		str := func(key string) string {
			switch s := m[key].(type) {
			case string:
				return strings.TrimSpace(s)
			case nil:
				return ""
			}
			bad("%s must be text", key)
			return ""
		}
		it.What, it.Owner, it.Ticket, it.Status = str("what"), str("owner"), str("ticket"), str("status")
		for key := range m {
			switch key {
			case "what", "owner", "ticket", "status", "due":
			default:
				bad("unknown field %q (known: what, owner, ticket, status, due)", key)
			}
		}
		if it.What == "" {
			bad("what is missing: the action, in a line")
		}
		if it.Owner == "" {
			bad("owner is missing: who sees it through")
		}
		switch it.Status {
		case Open, Done:
		case "":
			bad("status is missing: open or done")
		default:
			bad("status %q is not open or done", it.Status)
		}
		if it.Ticket != "" {
			if u, err := url.Parse(it.Ticket); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				bad("ticket %q is not an http(s) URL", it.Ticket)
			}
		}
		if due, ok := m["due"]; ok {
			t, err := date(due)
			if err != nil {
				bad("due %v is not a date (write it like 2026-12-15)", due)
			}
			it.Due = t
		}
		items = append(items, it)
	}
	return items, probs
}

func date(v any) (time.Time, error) {
	switch x := v.(type) {
	case toml.LocalDate:
		return time.Date(x.Year, time.Month(x.Month), x.Day, 0, 0, 0, 0, time.UTC), nil
	case toml.LocalDateTime:
		return time.Date(x.Year, time.Month(x.Month), x.Day, 0, 0, 0, 0, time.UTC), nil
	case time.Time:
		y, m, d := x.UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	case string:
		if t, err := time.Parse(time.DateOnly, strings.TrimSpace(x)); err == nil {
			return t, nil
		}
		if t, err := time.Parse(time.RFC3339, strings.TrimSpace(x)); err == nil {
			return date(t)
		}
	}
	return time.Time{}, errors.New("not a date")
}

// Overdue reports whether it is open and its due day is before now's day (UTC).
func (it Item) Overdue(now time.Time) bool {
	if it.Status != Open || it.Due.IsZero() {
		return false
	}
	y, m, d := now.UTC().Date()
	return it.Due.Before(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// headerLines returns the line of each [[followups]] header in a TOML
// front matter, or of each list item under followups: in YAML.
func headerLines(src []byte, d *doc.Doc) []int {
	var out []int
	lines := bytes.Split(src, []byte("\n"))
	in := false
	for i := 0; i < len(lines) && i < d.BodyLine-2; i++ {
		l := strings.TrimSpace(string(lines[i]))
		switch d.Format {
		case doc.TOML:
			if isHeader(l) {
				out = append(out, i+1)
			}
		case doc.YAML:
			raw := string(lines[i])
			switch {
			case strings.HasPrefix(raw, "followups:"):
				in = true
			case in && strings.HasPrefix(l, "- "):
				out = append(out, i+1)
			case in && raw != "" && raw[0] != ' ' && raw[0] != '\t' && raw[0] != '-':
				in = false
			}
		}
	}
	return out
}

func isHeader(l string) bool {
	l = strings.TrimSpace(l)
	if !strings.HasPrefix(l, "[[") {
		return false
	}
	name, _, ok := strings.Cut(strings.TrimPrefix(l, "[["), "]]")
	return ok && strings.TrimSpace(name) == "followups"
}

// ErrNotTOML means the page's front matter is YAML, which SetStatus does
// not rewrite.
var ErrNotTOML = errors.New("only TOML front matter (+++) is rewritten; set status in the follow-up by hand")

// SetStatus returns src with follow-up n (from 1) given status, every other
// line unchanged. It reads the result back and fails rather than return a
// page in which anything else changed.
func SetStatus(name string, src []byte, d *doc.Doc, n int, status string) ([]byte, error) {
	items, _ := Read(src, d)
	if n < 1 || n > len(items) {
		return nil, &RangeError{N: n, Count: len(items)}
	}
	if d.Format != doc.TOML {
		return nil, ErrNotTOML
	}
	lines := strings.SplitAfter(string(src), "\n")
	header := items[n-1].Line - 1
	end := min(d.BodyLine-2, len(lines)) // the closing +++
	set := fmt.Sprintf("status = %q", status)
	done := false
	for i := header + 1; i < end; i++ {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "[") {
			break
		}
		if k, _, ok := strings.Cut(l, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == "status" {
			lines[i] = set + eol(lines[i])
			done = true
			break
		}
	}
	if !done {
		lines = append(lines[:header+1], append([]string{set + eol(lines[header])}, lines[header+1:]...)...)
	}
	out := []byte(strings.Join(lines, ""))
	back, err := doc.Parse(name, out)
	if err != nil {
		return nil, fmt.Errorf("%s: setting follow-up %d's status breaks the page: %v", name, n, err)
	}
	got, _ := Read(out, back)
	if len(got) != len(items) || got[n-1].Status != status || string(back.Body) != string(d.Body) {
		return nil, fmt.Errorf("%s: cannot set follow-up %d's status; set status = %q by hand", name, n, status)
	}
	for i := range items {
		want := items[i]
		if i == n-1 {
			want.Status = status
		}
		want.Line = got[i].Line
		if got[i] != want {
			return nil, fmt.Errorf("%s: cannot set follow-up %d's status; set status = %q by hand", name, n, status)
		}
	}
	return out, nil
}

// RangeError is a follow-up number the page does not have.
type RangeError struct{ N, Count int }

func (e *RangeError) Error() string {
	if e.Count == 0 {
		return "the page has no [[followups]]"
	}
	return fmt.Sprintf("no follow-up %d: the page has %d (numbered from 1 in page order)", e.N, e.Count)
}

func eol(line string) string {
	if strings.HasSuffix(line, "\r\n") {
		return "\r\n"
	}
	return "\n"
}
