package vault

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"irp/internal/ledger"
	"irp/internal/project"
	"irp/internal/scenario"
)

// The pool is the sealed scenarios that are not retired: a session may
// still use them, and their text is secret. A retired scenario's full text
// is on the site.

// Ledger reads vault/ledger.jsonl, checking its hash chain. A line it
// cannot trust is a *ledger.LineError whose Path is relative to the project.
func (v *Vault) Ledger() ([]ledger.Entry, error) {
	entries, err := ledger.Read(v.LedgerFile())
	var le *ledger.LineError
	if errors.As(err, &le) {
		shown := *le
		shown.Path = v.rel(le.Path)
		return nil, &shown
	}
	return entries, err
}

// InPool reports whether scenario id is still in the pool by the ledger
// entries: it has not been retired.
func InPool(entries []ledger.Entry, id string) bool { return !ledger.IsRetired(entries, id) }

// Pool lists the ids of the scenarios in the pool, sorted.
func (v *Vault) Pool() ([]string, error) {
	ids, err := v.IDs()
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	entries, err := v.Ledger()
	if err != nil {
		return nil, err
	}
	var pool []string
	for _, id := range ids {
		if InPool(entries, id) {
			pool = append(pool, id)
		}
	}
	return pool, nil
}

// OpenPool decrypts every scenario in the pool.
func (v *Vault) OpenPool(ids []age.Identity) (map[string]*scenario.Scenario, error) {
	pool, err := v.Pool()
	if err != nil {
		return nil, err
	}
	out := make(map[string]*scenario.Scenario, len(pool))
	for _, id := range pool {
		s, err := v.Open(id, ids)
		if err != nil {
			return nil, err
		}
		out[id] = s
	}
	return out, nil
}

// Listing is one sealed scenario as irp vault list and pick show it. The
// fields from inside the sealed file are empty unless it was opened.
type Listing struct {
	ID         string   `json:"id"`
	Title      string   `json:"title,omitempty"`
	Components []string `json:"components,omitempty"`
	Manta      []string `json:"manta,omitempty"` // the Manta versions it applies to
	Difficulty string   `json:"difficulty,omitempty"`
	Estimated  string   `json:"estimated,omitempty"`
	Revision   int      `json:"revision,omitempty"`
	Status     string   `json:"status"` // StatusInPool or StatusRetired
	SeenBy     []string `json:"seen_by"`
	SealedTo   int      `json:"sealed_to"`
}

// Statuses of a Listing.
const (
	StatusInPool  = "in pool"
	StatusRetired = "retired"
)

// List describes every sealed scenario, decrypting each with ids when
// ids is not nil.
func List(v *Vault, ids []age.Identity) ([]Listing, error) {
	all, err := v.IDs()
	if err != nil {
		return nil, err
	}
	entries, err := v.Ledger()
	if err != nil {
		return nil, err
	}
	rows := make([]Listing, 0, len(all))
	for _, id := range all {
		r := Listing{ID: id, Status: StatusInPool, SeenBy: []string{}}
		if !InPool(entries, id) {
			r.Status = StatusRetired
		}
		seen := map[string]bool{}
		for _, e := range entries {
			if e.Event == ledger.Seen && e.Scenario == id && !seen[e.Who] {
				seen[e.Who] = true
				r.SeenBy = append(r.SeenBy, e.Who)
			}
		}
		r.SealedTo, _ = v.SealedTo("scenarios/" + id)
		if ids != nil {
			s, err := v.Open(id, ids)
			if err != nil {
				return nil, err
			}
			r.Title, r.Components, r.Manta, r.Difficulty, r.Estimated, r.Revision = s.Title, s.Components, s.Manta, s.Difficulty, s.Estimated, s.Revision
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// Pick lists the scenarios in the pool that none of responders has seen,
// as List describes them.
func Pick(v *Vault, responders []string, ids []age.Identity) ([]Listing, error) {
	rows, err := List(v, ids)
	if err != nil {
		return nil, err
	}
	entries, err := v.Ledger()
	if err != nil {
		return nil, err
	}
	picked := []Listing{}
next:
	for _, r := range rows {
		if r.Status != StatusInPool {
			continue
		}
		for _, p := range responders {
			if ledger.SeenBy(entries, p)[r.ID] {
				continue next
			}
		}
		picked = append(picked, r)
	}
	return picked, nil
}

// RetiredPage is where Retire publishes scenario id's full text.
func RetiredPage(p project.Project, id string) string {
	return filepath.Join(p.Content(), "scenarios", id+".md")
}

// ErrRetired means a scenario has already left the pool.
var ErrRetired = errors.New("already retired")

// SeenError means a scenario cannot be removed unpublished: people have
// seen it in a session, so it can only leave the pool by retiring.
type SeenError struct {
	ID  string
	Who []string
}

func (e *SeenError) Error() string {
	return fmt.Sprintf("%s has been seen in a session (by %s), so it cannot be removed unpublished", e.ID, strings.Join(e.Who, ", "))
}

// Remove takes scenario id, sealed by mistake and never used, out of the
// vault without publishing it, once confirm agrees: it records a "removed"
// event in the ledger, deletes vault/scenarios/ID.age (git history keeps
// the old file) and says so on w. A scenario anyone has seen is refused
// (SeenError): it can only be retired. On failure nothing changes.
func Remove(w io.Writer, v *Vault, id string, now time.Time, confirm func(question string) error) error {
	if err := confirm(fmt.Sprintf("Remove %s from the vault? It leaves the pool unpublished, for good (git history keeps the old file).", id)); err != nil {
		return err
	}
	if err := remove(v, id, now); err != nil {
		return err
	}
	fmt.Fprintf(w, "removed %s: deleted %s and recorded it in %s\n", id, v.rel(v.ScenarioFile(id)), v.rel(v.LedgerFile()))
	return nil
}

func remove(v *Vault, id string, now time.Time) error {
	file := v.ScenarioFile(id)
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("no sealed scenario %s (%s)", id, v.rel(file))
	}
	entries, err := v.Ledger()
	if err != nil {
		return err
	}
	if !InPool(entries, id) {
		return ErrRetired
	}
	var who []string
	for _, e := range entries {
		if e.Event == ledger.Seen && e.Scenario == id && !slices.Contains(who, e.Who) {
			who = append(who, e.Who)
		}
	}
	if len(who) > 0 {
		return &SeenError{ID: id, Who: who}
	}
	// Out of the way first, so a ledger that cannot be written puts it back.
	aside := filepath.Join(filepath.Dir(file), "."+id+".age.removing")
	if err := os.Rename(file, aside); err != nil {
		return err
	}
	if err := ledger.Append(v.LedgerFile(), ledger.Entry{Time: now, Event: ledger.Removed, Scenario: id}); err != nil {
		os.Rename(aside, file)
		return err
	}
	return os.Remove(aside)
}

// Retire takes scenario id out of the pool, once confirm agrees: it writes
// the full text to content/scenarios/ID.md for the site, records a
// "retired" event in the ledger and says so on w. On failure nothing is
// written.
func Retire(w io.Writer, v *Vault, id string, keys Keys, now time.Time, confirm func(question string) error) error {
	if keys.Err != nil {
		return keys.Err
	}
	if err := confirm(fmt.Sprintf("Retire %s? This publishes its full text on the site (%s) and records it in the ledger for good.", id, v.rel(RetiredPage(v.Project, id)))); err != nil {
		return err
	}
	page, err := retire(v, id, keys.IDs, now)
	if err != nil {
		return keys.Explain(err)
	}
	fmt.Fprintf(w, "retired %s: wrote %s and added it to %s\n", id, v.rel(page), v.rel(v.LedgerFile()))
	return nil
}

// retire writes the retired page and the ledger event, and returns the page.
func retire(v *Vault, id string, ids []age.Identity, now time.Time) (page string, err error) {
	entries, err := v.Ledger()
	if err != nil {
		return "", err
	}
	if !InPool(entries, id) {
		return "", ErrRetired
	}
	s, err := v.Open(id, ids)
	if err != nil {
		return "", err
	}
	text, err := scenario.RetiredPage(s, now)
	if err != nil {
		return "", err
	}
	page = RetiredPage(v.Project, id)
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(page, text, 0o644); err != nil {
		return "", err
	}
	// The page goes first, so that the ledger never says retired without
	// it; a ledger that cannot be written takes the page back.
	if err := ledger.Append(v.LedgerFile(), ledger.Entry{Time: now, Event: ledger.Retired, Scenario: id}); err != nil {
		os.Remove(page)
		return "", err
	}
	return page, nil
}
