// Package ledger keeps vault/ledger.jsonl: an append-only record of who has
// seen which scenario and which scenarios are retired.
//
// Each line is one JSON object and carries the SHA-256 of the line before it,
// so an edit to an earlier line — someone quietly un-seeing a scenario — breaks
// the chain and Read reports the line.
package ledger

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"irp/internal/atomicfile"
)

// Events recorded in the ledger.
const (
	Seen    = "seen"    // Who took part in a session of Scenario as a responder
	Retired = "retired" // Scenario left the pool and was published
	Removed = "removed" // Scenario left the pool unpublished: sealed by mistake, never used
)

// Entry is one line of the ledger.
type Entry struct {
	Time     time.Time `json:"time"`
	Event    string    `json:"event"`
	Scenario string    `json:"scenario"`
	Who      string    `json:"who,omitempty"`
	Session  string    `json:"session,omitempty"` // the session directory's name, if any
	Role     string    `json:"role,omitempty"`    // Coordinator when Who coordinated the investigation
	Prev     string    `json:"prev"`              // hex SHA-256 of the previous line, "" on the first
}

// Coordinator is the Role of a responder who was the session's
// investigation coordinator (RFD 124).
const Coordinator = "coordinator"

// Coordinated reports whether who has been a session's coordinator.
func Coordinated(entries []Entry, who string) bool {
	for _, e := range entries {
		if e.Event == Seen && e.Who == who && e.Role == Coordinator {
			return true
		}
	}
	return false
}

// LineError is a line of the ledger that cannot be trusted: not an entry,
// an unknown event, or one whose chain hash does not match the line above
// (Tampered: an earlier line was edited or removed).
type LineError struct {
	Path     string // as given to Read
	Line     int
	Why      string
	Tampered bool
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Why) }

const tampered = "ledger line does not follow the line before it (an earlier line was edited or removed)"

// Read returns every entry in the ledger at path, checking the chain. A
// missing file is an empty ledger.
func Read(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, _, err := scan(path, f)
	return entries, err
}

func scan(path string, r io.Reader) (entries []Entry, last []byte, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	prev := ""
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, nil, &LineError{Path: path, Line: n, Why: "not a ledger entry: " + err.Error()}
		}
		if e.Event != Seen && e.Event != Retired && e.Event != Removed {
			return nil, nil, &LineError{Path: path, Line: n, Why: fmt.Sprintf("unknown event %q", e.Event)}
		}
		if e.Prev != prev {
			return nil, nil, &LineError{Path: path, Line: n, Why: tampered, Tampered: true}
		}
		entries = append(entries, e)
		prev = hash(line)
		last = append(last[:0], line...)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return entries, last, nil
}

func hash(line []byte) string {
	sum := sha256.Sum256(line)
	return hex.EncodeToString(sum[:])
}

// Append adds entries to the ledger at path, creating it if needed. It checks
// the existing chain first, then replaces the file whole (atomicfile).
func Append(path string, entries ...Entry) error {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	_, last, err := scan(path, f)
	if err != nil {
		return err
	}
	prev := ""
	if last != nil {
		prev = hash(last)
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	buf := bytes.NewBuffer(old)
	// A file whose last line lacks a newline still gets whole lines.
	if len(old) > 0 && old[len(old)-1] != '\n' {
		buf.WriteByte('\n')
	}
	for _, e := range entries {
		if e.Time.IsZero() {
			e.Time = time.Now()
		}
		e.Time = e.Time.UTC().Truncate(time.Second)
		e.Prev = prev
		line, err := json.Marshal(e)
		if err != nil {
			return err
		}
		buf.Write(line)
		buf.WriteByte('\n')
		prev = hash(line)
	}
	// The whole file is replaced (temp file, fsync, rename), so a crash
	// leaves the ledger as it was or with every new line, never half a line.
	return atomicfile.Write(path, buf.Bytes(), 0o644)
}

// SeenBy returns the scenarios who has seen.
func SeenBy(entries []Entry, who string) map[string]bool {
	seen := map[string]bool{}
	for _, e := range entries {
		if e.Event == Seen && e.Who == who {
			seen[e.Scenario] = true
		}
	}
	return seen
}

// IsRetired reports whether scenario has left the pool: retired, or
// removed unpublished.
func IsRetired(entries []Entry, scenario string) bool {
	for _, e := range entries {
		if (e.Event == Retired || e.Event == Removed) && e.Scenario == scenario {
			return true
		}
	}
	return false
}

// Sessions returns how many distinct sessions (or scenarios, for entries
// without a session) who has taken part in.
func Sessions(entries []Entry, who string) int {
	done := map[string]bool{}
	for _, e := range entries {
		if e.Event == Seen && e.Who == who {
			key := e.Session
			if key == "" {
				key = "scenario:" + e.Scenario
			}
			done[key] = true
		}
	}
	return len(done)
}
