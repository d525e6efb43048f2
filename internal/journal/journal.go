// Package journal keeps what happens during a practice session as it
// happens: each instigator's actions (milestones, hint rungs, status
// reports, notes) go at once into a journal sealed to the vault's
// recipients, vault/sessions/<session>.journal.<by>.age, so a crash, a
// closed laptop or kill -9 loses nothing. Each instigator writes only their
// own journal; Merge reads them all in time order.
package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"irp/internal/vault"
)

// Kinds of events. The milestones are in the order an incident reaches them.
const (
	Induced      = "induced"       // the instigators started the outage
	Detected     = "detected"      // a responder noticed
	Diagnosed    = "diagnosed"     // the cause is understood
	Mitigated    = "mitigated"     // the damage has stopped growing
	Resolved     = "resolved"      // service is fully restored
	Aborted      = "aborted"       // the instigators ended it early
	StatusReport = "status-report" // the coordinator posted a status report
	Note         = "note"          // free text, private unless marked public
	Hint         = "hint"          // a rung of the hint ladder was given
	Undo         = "undo"          // takes back an earlier event of the same journal
)

// Milestones are the moments a session's timeline is built on, in order.
var Milestones = []string{Induced, Detected, Diagnosed, Mitigated, Resolved}

// Kinds lists the events irp session mark accepts.
var Kinds = []string{Induced, Detected, Diagnosed, Mitigated, Resolved, Aborted, StatusReport, Note}

// Event is one entry of a journal.
type Event struct {
	Seq  int       `json:"seq"` // 1, 2, … within its journal
	At   time.Time `json:"at"`  // when it happened (UTC)
	Kind string    `json:"event"`
	By   string    `json:"by"`             // the instigator whose journal holds it
	Rung int       `json:"rung,omitempty"` // Hint: the rung given, 1 first
	Note string    `json:"note,omitempty"`
	// Private notes stay sealed: they may name the cause. A note event is
	// private unless marked public; a milestone's note is public unless
	// marked private.
	Private bool `json:"private,omitempty"`
	Undoes  int  `json:"undoes,omitempty"` // Undo: the Seq taken back
	// Recorded is when the event was written, which differs from At when
	// it was recorded afterwards (--at).
	Recorded time.Time `json:"recorded"`
}

// Valid reports whether kind is an event a journal holds.
func Valid(kind string) bool {
	return slices.Contains(Kinds, kind) || kind == Hint || kind == Undo
}

// Name is the vault name (vault/NAME.age) of by's journal of session.
func Name(session, by string) string {
	return "sessions/" + session + ".journal." + by
}

// Journal is one instigator's journal of one session.
type Journal struct {
	Vault   *vault.Vault
	IDs     []age.Identity // to read it back before appending
	Session string         // the session directory's name
	By      string         // the instigator's handle
	Now     func() time.Time
}

// ErrNoJournal means nobody has recorded anything for the session yet.
var ErrNoJournal = errors.New("no journal")

func (j *Journal) name() string { return Name(j.Session, j.By) }

func (j *Journal) path() string {
	return filepath.Join(j.Vault.Dir, filepath.FromSlash(j.name())+".age")
}

// Events returns the events in this journal, as written.
func (j *Journal) Events() ([]Event, error) {
	return read(j.Vault, j.IDs, j.name())
}

// Append records ev in the journal at once: the journal is read back, the
// event added with the next sequence number, and the whole journal sealed
// again and put in place atomically, under a lock so two irp processes of
// the same instigator do not lose each other's events. It returns the
// event as recorded.
func (j *Journal) Append(ev Event) (Event, error) {
	if !Valid(ev.Kind) {
		return ev, fmt.Errorf("%q is not an event (one of %s)", ev.Kind, strings.Join(Kinds, ", "))
	}
	if err := os.MkdirAll(filepath.Join(j.Vault.Dir, "sessions"), 0o755); err != nil {
		return ev, err
	}
	unlock, err := lock(filepath.Join(j.Vault.Dir, "sessions"))
	if err != nil {
		return ev, err
	}
	defer unlock()
	evs, err := j.Events()
	if err != nil && !errors.Is(err, ErrNoJournal) {
		return ev, err
	}
	now := time.Now
	if j.Now != nil {
		now = j.Now
	}
	ev.Seq = len(evs) + 1
	if n := len(evs); n > 0 {
		ev.Seq = evs[n-1].Seq + 1
	}
	ev.By = j.By
	ev.Recorded = now().UTC().Truncate(time.Second)
	if ev.At.IsZero() {
		ev.At = ev.Recorded
	}
	ev.At = ev.At.UTC().Truncate(time.Second)
	evs = append(evs, ev)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, e := range evs {
		if err := enc.Encode(e); err != nil {
			return ev, err
		}
	}
	if err := j.Vault.SealBytes(j.name(), b.Bytes()); err != nil {
		return ev, fmt.Errorf("seal the journal %s: %w", j.Vault.Project.Rel(j.path()), err)
	}
	return ev, nil
}

func read(v *vault.Vault, ids []age.Identity, name string) ([]Event, error) {
	if _, err := os.Stat(filepath.Join(v.Dir, filepath.FromSlash(name)+".age")); errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoJournal
	}
	pt, err := v.OpenBytes(name, ids)
	if err != nil {
		return nil, err
	}
	var out []Event
	sc := bufio.NewScanner(bytes.NewReader(pt))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var e Event
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, fmt.Errorf("vault/%s.age: entry %d: %v", name, n, err)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// Journals lists the instigators who keep a journal of session.
func Journals(v *vault.Vault, session string) ([]string, error) {
	names, err := v.Files()
	if err != nil {
		return nil, err
	}
	prefix := "sessions/" + session + ".journal."
	var out []string
	for _, n := range names {
		if by, ok := strings.CutPrefix(n, prefix); ok && by != "" && !strings.Contains(by, "/") {
			out = append(out, by)
		}
	}
	return out, nil
}

// Merge reads every instigator's journal of session and returns their
// events in time order (ties: by instigator, then sequence), with undone
// events and the undos themselves left out. No journal is no events.
func Merge(v *vault.Vault, ids []age.Identity, session string) ([]Event, error) {
	who, err := Journals(v, session)
	if err != nil {
		return nil, err
	}
	var all []Event
	for _, by := range who {
		evs, err := read(v, ids, Name(session, by))
		if err != nil {
			return nil, err
		}
		all = append(all, Effective(evs)...)
	}
	Sort(all)
	return all, nil
}

// Effective drops the undone events of one journal and the undos.
func Effective(evs []Event) []Event {
	undone := map[int]bool{}
	for _, e := range evs {
		if e.Kind == Undo {
			undone[e.Undoes] = true
		}
	}
	var out []Event
	for _, e := range evs {
		if e.Kind != Undo && !undone[e.Seq] {
			out = append(out, e)
		}
	}
	return out
}

// Sort orders events by time, then instigator, then sequence.
func Sort(evs []Event) {
	slices.SortStableFunc(evs, func(a, b Event) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		if c := strings.Compare(a.By, b.By); c != 0 {
			return c
		}
		return a.Seq - b.Seq
	})
}

// NextRung is the hint rung to give next: one past the highest given.
func NextRung(evs []Event) int {
	n := 0
	for _, e := range evs {
		if e.Kind == Hint {
			n = max(n, e.Rung)
		}
	}
	return n + 1
}

// First returns the earliest event of kind, if any.
func First(evs []Event, kind string) (Event, bool) {
	for _, e := range evs {
		if e.Kind == kind {
			return e, true
		}
	}
	return Event{}, false
}

// Last returns the latest event of kind, if any.
func Last(evs []Event, kind string) (Event, bool) {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Kind == kind {
			return evs[i], true
		}
	}
	return Event{}, false
}
