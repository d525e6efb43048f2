package session

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"irp/internal/journal"
	"irp/internal/problem"
	"irp/internal/scenario"
	"irp/internal/vault"
)

// OpenAs opens the scenario of session p for the instigator by (see
// Instigator) with keys: who they are, and the scenario in memory.
func (e *Env) OpenAs(p *Page, by string, keys vault.Keys) (string, *scenario.Scenario, error) {
	who, err := p.Instigator(by)
	if err != nil {
		return "", nil, err
	}
	if keys.Err != nil {
		return "", nil, keys.Err
	}
	s, err := e.Scenario(p, keys.IDs)
	if err != nil {
		return "", nil, keys.Explain(err)
	}
	return who, s, nil
}

// MarkFlags are irp session mark's event as typed.
type MarkFlags struct {
	Event, At, Note, By string
	Public, Private     bool // where the note goes: see Record
}

// Record records a moment of session p in the sealed journal of the
// instigator f.By, as Mark, and says on w what and when. A note event is
// private unless f.Public; a milestone's note is public unless f.Private.
func (e *Env) Record(w io.Writer, p *Page, f MarkFlags, keys vault.Keys) error {
	ev := journal.Event{Kind: f.Event, Note: strings.TrimSpace(f.Note)}
	if f.Event == journal.Note {
		ev.Private = !f.Public
	} else {
		ev.Private = f.Private
	}
	if f.At != "" {
		var err error
		if ev.At, err = ParseAt(f.At, p.Day()); err != nil {
			return problem.Usage(fmt.Errorf("--at: %w", err))
		}
	}
	who, err := p.Instigator(f.By)
	if err != nil {
		return err
	}
	if errors.As(keys.Err, new(*vault.LooseKeyError)) {
		return keys.Err // a key that is there but refused: say so, not that the journal is damaged
	}
	got, err := e.Mark(p, e.Journal(p, keys.IDs, who), ev)
	if err != nil {
		return keys.ExplainLoad(err)
	}
	fmt.Fprintf(w, "recorded %s at %s UTC in vault/%s.age\n", got.Kind, got.At.Format(time.TimeOnly), journal.Name(p.Name, who))
	return nil
}

// Hint gives the next rung of the hint ladder of session p (see GiveHint)
// at the time at (as typed, "" for now): the rung on out, ready to paste,
// and on info where it was recorded.
func (e *Env) Hint(out, info io.Writer, p *Page, at, note, by string, keys vault.Keys) error {
	var when time.Time // now
	if at != "" {
		var err error
		if when, err = ParseAt(at, p.Day()); err != nil {
			return problem.Usage(fmt.Errorf("--at: %w", err))
		}
	}
	who, s, err := e.OpenAs(p, by, keys)
	if err != nil {
		return err
	}
	ev, text, err := e.GiveHint(p, e.Journal(p, keys.IDs, who), s, when, note)
	if err != nil {
		return keys.Explain(err)
	}
	fmt.Fprintf(out, "rung %d of %d:\n%s\n", ev.Rung, len(s.Hints), text)
	fmt.Fprintf(info, "recorded rung %d at %s UTC in vault/%s.age\n", ev.Rung, ev.At.Format(time.TimeOnly), journal.Name(p.Name, who))
	return nil
}

// When says on w when session p's incident starts, in UTC and local time:
// the sealed surprise start keys open, else the page's date.
func (e *Env) When(w io.Writer, p *Page, keys vault.Keys) error {
	start, err := e.SurpriseStart(p, keys.IDs)
	if err != nil {
		return keys.ExplainLoad(err)
	}
	if start.IsZero() {
		return fmt.Errorf("%s has no start: neither a date nor a sealed surprise start", p.Rel)
	}
	fmt.Fprintf(w, "%s starts at %s (UTC), %s local time\n", p.Name,
		start.UTC().Format(time.RFC3339), start.In(time.Local).Format("2006-01-02 15:04 MST"))
	return nil
}
