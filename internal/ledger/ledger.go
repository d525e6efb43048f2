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
)

// Events recorded in the ledger.
const (
	Seen    = "seen"    // Who took part in a session of Scenario as a responder
	Retired = "retired" // Scenario left the pool and was published
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

// TamperError reports a line whose chain hash does not match the line above.
type TamperError struct {
	Path string
	Line int
}

func (e *TamperError) Error() string {
	return fmt.Sprintf("%s:%d: ledger line does not follow the line before it (an earlier line was edited or removed)", e.Path, e.Line)
}

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
			return nil, nil, fmt.Errorf("%s:%d: not a ledger entry: %v", path, n, err)
		}
		if e.Event != Seen && e.Event != Retired {
			return nil, nil, fmt.Errorf("%s:%d: unknown event %q", path, n, e.Event)
		}
		if e.Prev != prev {
			return nil, nil, &TamperError{path, n}
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
// the existing chain first and writes each entry as one line with fsync.
func Append(path string, entries ...Entry) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
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
	end, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if end > 0 {
		// A file whose last line lacks a newline still gets whole lines.
		tail := make([]byte, 1)
		if _, err := f.ReadAt(tail, end-1); err != nil {
			return err
		}
		if tail[0] != '\n' {
			buf.WriteByte('\n')
		}
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
	if _, err := f.Write(buf.Bytes()); err != nil {
		return err
	}
	return f.Sync()
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

// IsRetired reports whether scenario has left the pool.
func IsRetired(entries []Entry, scenario string) bool {
	for _, e := range entries {
		if e.Event == Retired && e.Scenario == scenario {
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
