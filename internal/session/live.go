package session

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"irp/internal/atomicfile"
	"irp/internal/journal"
	"irp/internal/problem"
	"irp/internal/scenario"
)

// Instigator returns who is acting on the session: by when given, which
// must be one of its instigators, else its only instigator.
func (p *Page) Instigator(by string) (string, error) {
	switch {
	case by != "" && slices.Contains(p.Instigators, by):
		return by, nil
	case by != "":
		return "", fmt.Errorf("%s is not an instigator of this session (%s)", by, strings.Join(p.Instigators, ", "))
	case len(p.Instigators) == 1:
		return p.Instigators[0], nil
	case len(p.Instigators) == 0:
		return "", fmt.Errorf("%s: instigators: nobody listed", p.Rel)
	}
	return "", problem.WithHint(fmt.Errorf("the session has %d instigators: say which you are", len(p.Instigators)),
		"pass --by NAME (one of "+strings.Join(p.Instigators, ", ")+"); each instigator keeps a journal of their own")
}

// Journal returns by's journal of the session.
func (e *Env) Journal(p *Page, ids []age.Identity, by string) *journal.Journal {
	return &journal.Journal{Vault: e.Vault, IDs: ids, Session: p.Name, By: by, Now: e.Now}
}

// ErrPublished means the session's summary is out: its timeline is final.
var ErrPublished = errors.New("the session is published: its timeline is final")

// Mark records ev in j, the journal of the session p: a milestone, a status
// report or a note, at ev.At (now when zero), which must lie on the
// session's day and not in the future.
func (e *Env) Mark(p *Page, j *journal.Journal, ev journal.Event) (journal.Event, error) {
	if p.Status == Published {
		return ev, fmt.Errorf("%s: %w", p.Rel, ErrPublished)
	}
	if !slices.Contains(journal.Kinds, ev.Kind) {
		return ev, problem.Usagef("%q is not an event: one of %s", ev.Kind, strings.Join(journal.Kinds, " "))
	}
	if ev.Kind == journal.Note && strings.TrimSpace(ev.Note) == "" {
		return ev, problem.Usagef("a note needs its text: --note TEXT")
	}
	if err := e.checkAt(p, ev.At); err != nil {
		return ev, err
	}
	return j.Append(ev)
}

func (e *Env) checkAt(p *Page, at time.Time) error {
	if at.IsZero() {
		at = e.Now()
	}
	if day := p.Day(); !day.IsZero() && !sameDay(at, day) {
		return fmt.Errorf("%s is not on the session's day (%s UTC)", at.UTC().Format(time.RFC3339), day.Format(time.DateOnly))
	}
	if at.After(e.Now().Add(time.Minute)) {
		return fmt.Errorf("%s is in the future", at.UTC().Format(time.RFC3339))
	}
	return nil
}

// Scenario opens the session's scenario, in memory only.
func (e *Env) Scenario(p *Page, ids []age.Identity) (*scenario.Scenario, error) {
	if !p.validScenario() {
		return nil, fmt.Errorf("%s: scenario %q is not a scenario id", p.Rel, p.Scenario)
	}
	return e.Vault.Open(p.Scenario, ids)
}

// ErrLadderDone means every rung of the hint ladder has been given.
var ErrLadderDone = errors.New("every rung of the hint ladder has been given")

// GiveHint records the next rung of the hint ladder in j, counting the
// rungs every instigator has given, and returns the event and the rung's
// text.
func (e *Env) GiveHint(p *Page, j *journal.Journal, s *scenario.Scenario, at time.Time, note string) (journal.Event, string, error) {
	var none journal.Event
	if p.Status == Published {
		return none, "", fmt.Errorf("%s: %w", p.Rel, ErrPublished)
	}
	if err := e.checkAt(p, at); err != nil {
		return none, "", err
	}
	evs, err := journal.Merge(e.Vault, j.IDs, p.Name)
	if err != nil {
		return none, "", err
	}
	rung := journal.NextRung(evs)
	if rung > len(s.Hints) {
		return none, "", fmt.Errorf("%w (%d)", ErrLadderDone, len(s.Hints))
	}
	ev, err := j.Append(journal.Event{Kind: journal.Hint, Rung: rung, At: at, Note: note})
	if err != nil {
		return none, "", err
	}
	return ev, s.Hints[rung-1], nil
}

// Played merges every instigator's journal of the session.
func (e *Env) Played(p *Page, ids []age.Identity) (Played, error) {
	evs, err := journal.Merge(e.Vault, ids, p.Name)
	if err != nil {
		return Played{}, err
	}
	return Replay(evs), nil
}

// NotesName is the vault name of a session's sealed private notes.
func NotesName(session string) string { return "sessions/" + session + ".notes" }

// Finished is what Finish did.
type Finished struct {
	Played Played
	Seen   []string // responders newly recorded in the ledger
	Bad    []error  // other session pages the feed had to leave out
}

// Finish ends a session that was played through the console or mark: it
// writes start, end, [[timeline]] and [[hints]] from every instigator's
// journal into the page, seals the private notes to the vault's
// recipients, and records the responders as having seen the scenario
// (irp session run).
func (e *Env) Finish(p *Page, ids []age.Identity) (*Finished, error) {
	played, err := e.Played(p, ids)
	if err != nil {
		return nil, err
	}
	if !played.Recorded() {
		return nil, fmt.Errorf("%s: nothing is recorded in the journals yet", p.Rel)
	}
	synced, err := e.sync(p, played)
	if err != nil {
		return nil, err
	}
	if err := atomicfile.Write(p.Path, synced.Src, 0o644); err != nil {
		return nil, err
	}
	if err := e.sealNotes(p, played); err != nil {
		return nil, err
	}
	seen, bad, err := e.MarkRun(synced)
	if err != nil {
		return nil, err
	}
	return &Finished{Played: played, Seen: seen, Bad: bad}, nil
}

// sync returns the page with what the journals recorded written into it.
func (e *Env) sync(p *Page, played Played) (*Page, error) {
	src, err := ApplyPlayed(p.Summary, p.Src, played)
	if err != nil {
		return nil, err
	}
	sum, err := Parse(p.Rel, src)
	if err != nil {
		return nil, err
	}
	q := *p
	q.Src, q.Summary = src, sum
	return &q, nil
}

func (e *Env) sealNotes(p *Page, played Played) error {
	if len(played.Private) == 0 {
		return nil
	}
	return e.Vault.SealBytes(NotesName(p.Name), PrivateNotes(p.Name, played.Private))
}

// cadence returns a warning when an incident outlasted the status report
// cadence without a status report on its timeline.
func (e *Env) cadence(s *Summary) string {
	every := e.Params.StatusEvery
	if every <= 0 || !s.Start.Set || !s.End.Set || s.Start.Err != "" || s.End.Err != "" {
		return ""
	}
	length := s.End.T.Sub(s.Start.T)
	if length <= every {
		return ""
	}
	for _, ev := range s.Timeline {
		if ev.Event == StatusReportEvent {
			return ""
		}
	}
	who := "the coordinator"
	if s.Coordinator != "" {
		who = s.Coordinator
	}
	return fmt.Sprintf("%s: no status report on the timeline of a %d-minute incident (one is due every %s from %s; irp session mark DIR status-report --at HH:MM records one)",
		s.Name, int(length.Minutes()), strings.TrimSuffix(every.String(), "0s"), who)
}

// SurpriseStart returns the start irp session new sealed for a session
// planned with a window, or the page's date when there is none.
func (e *Env) SurpriseStart(p *Page, ids []age.Identity) (time.Time, error) {
	name := "sessions/" + p.Name
	if _, err := os.Stat(filepath.Join(e.Vault.Dir, filepath.FromSlash(name)+".age")); err != nil {
		if p.Date.Set && p.Date.Err == "" {
			return p.Date.T, nil
		}
		return time.Time{}, nil
	}
	b, err := e.Vault.OpenBytes(name, ids)
	if err != nil {
		return time.Time{}, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "start = "); ok {
			return ParseTime(v)
		}
	}
	return time.Time{}, fmt.Errorf("vault/%s.age holds no start time", name)
}
