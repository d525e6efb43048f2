package session

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/google/renameio/v2"

	"irp/internal/doc"
	"irp/internal/ledger"
	"irp/internal/people"
)

// SetStatus returns src with the front matter's status and draft fields set,
// leaving every other line as it was.
func SetStatus(s *Summary, src []byte, status string, draft bool) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	set := func(key, tomlValue, yamlValue string) {
		value, sep := tomlValue, " = "
		if s.Doc.Format == doc.YAML {
			value, sep = yamlValue, ": "
		}
		if n, ok := s.front.keys[key]; ok && n-1 < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[n-1]), "[") {
			old := lines[n-1]
			indent := old[:len(old)-len(strings.TrimLeft(old, " \t"))]
			lines[n-1] = indent + key + sep + value + eol(old)
			return
		}
		// Absent: add it right after the opening delimiter, where it is a
		// top-level key in TOML and YAML alike.
		lines = append(lines[:1], append([]string{key + sep + value + eol(lines[0])}, lines[1:]...)...)
		for k, v := range s.front.keys {
			s.front.keys[k] = v + 1
		}
	}
	set("draft", strconv.FormatBool(draft), strconv.FormatBool(draft))
	set("status", strconv.Quote(status), status)
	return []byte(strings.Join(lines, ""))
}

func eol(line string) string {
	switch {
	case strings.HasSuffix(line, "\r\n"):
		return "\r\n"
	case strings.HasSuffix(line, "\n"):
		return "\n"
	}
	return "\n"
}

// WriteFile replaces path with data atomically (temp file, fsync, rename).
func WriteFile(path string, data []byte) error {
	return renameio.WriteFile(path, data, 0o644, renameio.WithTempDir(filepath.Dir(path)))
}

// RecordSeen appends a seen entry to the ledger for each responder of s not
// yet recorded for this session, and returns who was added.
func RecordSeen(ledgerPath string, s *Summary, session string, now time.Time) ([]string, error) {
	entries, err := ledger.Read(ledgerPath)
	if err != nil {
		return nil, err
	}
	done := map[string]bool{}
	for _, e := range entries {
		if e.Event == ledger.Seen && e.Session == session && e.Scenario == s.Scenario {
			done[e.Who] = true
		}
	}
	var add []ledger.Entry
	var who []string
	for _, r := range s.Responders {
		if !done[r] {
			done[r] = true
			add = append(add, ledger.Entry{Time: now, Event: ledger.Seen, Scenario: s.Scenario, Who: r, Session: session})
			who = append(who, r)
		}
	}
	if len(add) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(filepath.Dir(ledgerPath), 0o755); err != nil {
		return nil, err
	}
	return who, ledger.Append(ledgerPath, add...)
}

// Team is how a page shows its people (team.json next to the page).
type Team struct {
	Instigators []string `json:"instigators"`
	Responders  []string `json:"responders"`
}

// TeamOf returns the team of s as names or initials.
func TeamOf(s *Summary, dir people.Directory, initials bool) Team {
	t := Team{Instigators: []string{}, Responders: []string{}}
	for _, h := range s.Instigators {
		t.Instigators = append(t.Instigators, dir.Display(h, initials))
	}
	for _, h := range s.Responders {
		t.Responders = append(t.Responders, dir.Display(h, initials))
	}
	return t
}

// WriteJSON writes v as indented JSON to path atomically.
func WriteJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	return WriteFile(path, append(b, '\n'))
}
