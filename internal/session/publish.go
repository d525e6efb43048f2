package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"irp/internal/atomicfile"
	"irp/internal/doc"
	"irp/internal/ledger"
	"irp/internal/people"
)

// SetStatus returns src with the front matter's status and draft fields set,
// leaving every other line as it was. It reads the result back and fails
// rather than return a page whose other fields changed.
func SetStatus(s *Summary, src []byte, status string, draft bool) ([]byte, error) {
	out := []byte(strings.Join(setStatusLines(s, src, status, draft), ""))
	back, err := Parse(s.Name, out)
	if err == nil && (back.Status != status || back.Draft != draft || !sameParams(s.Doc.Params, back.Doc.Params) || string(back.Doc.Body) != string(s.Doc.Body)) {
		err = errors.New("the result does not read back as intended")
	}
	if err != nil {
		return nil, fmt.Errorf("%s: cannot set status and draft in the front matter (%v): set status = %q and draft = %v by hand", s.Name, err, status, draft)
	}
	return out, nil
}

func sameParams(a, b map[string]any) bool {
	strip := func(m map[string]any) map[string]any {
		c := maps.Clone(m)
		delete(c, "status")
		delete(c, "draft")
		return c
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

func setStatusLines(s *Summary, src []byte, status string, draft bool) []string {
	front := s.front
	front.keys = maps.Clone(front.keys)
	lines := strings.SplitAfter(string(src), "\n")
	set := func(key, tomlValue, yamlValue string) {
		value, sep := tomlValue, " = "
		if s.Doc.Format == doc.YAML {
			value, sep = yamlValue, ": "
		}
		if n, ok := front.keys[key]; ok && n-1 < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[n-1]), "[") {
			old := lines[n-1]
			indent := old[:len(old)-len(strings.TrimLeft(old, " \t"))]
			lines[n-1] = indent + key + sep + value + eol(old)
			return
		}
		// Absent: add it right after the opening delimiter, where it is a
		// top-level key in TOML and YAML alike.
		lines = append(lines[:1], append([]string{key + sep + value + eol(lines[0])}, lines[1:]...)...)
		for k, v := range front.keys {
			front.keys[k] = v + 1
		}
	}
	set("draft", strconv.FormatBool(draft), strconv.FormatBool(draft))
	set("status", strconv.Quote(status), status)
	return lines
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
			e := ledger.Entry{Time: now, Event: ledger.Seen, Scenario: s.Scenario, Who: r, Session: session}
			if r == s.Coordinator {
				e.Role = ledger.Coordinator
			}
			add = append(add, e)
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
	Coordinator string   `json:"coordinator,omitempty"`
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
	if s.Coordinator != "" {
		t.Coordinator = dir.Display(s.Coordinator, initials)
	}
	return t
}

// WriteJSON writes v as indented JSON to path atomically.
func WriteJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	return atomicfile.Write(path, append(b, '\n'), 0o644)
}
