package leak

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"irp/internal/scenario"
)

// Scanner is the leak check of irp check and irp build: it looks in the
// files about to be published for the sealed scenarios it holds and for
// private keys, and words its findings for the user.
type Scanner struct {
	// Scenarios are the sealed scenarios whose text must not be published
	// (the pool, as far as the caller's identity opens it); nil looks for
	// private keys only.
	Scenarios map[string]*scenario.Scenario
	// Skipped says why the sealed text is not looked for; "" when it is.
	Skipped string
	// Rel shows a path to the user (relative to the project).
	Rel func(path string) string

	mu     sync.Mutex
	leaked map[string]bool // scenarios whose text a Scan found
}

// Leaked lists, sorted, the scenarios whose text any Scan so far found.
func (l *Scanner) Leaked() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	ids := make([]string, 0, len(l.leaked))
	for id := range l.leaked {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Hint is the next step after findings: reword the passages first, since
// retiring the scenarios they come from publishes them in full, for good.
func (l *Scanner) Hint() string {
	ids := l.Leaked()
	if len(ids) == 0 {
		return "remove the private keys from the site's sources, then build again"
	}
	return fmt.Sprintf("reword the passages of %s, then build again (retiring instead, irp vault retire ID, publishes the whole scenario for good)", strings.Join(ids, ", "))
}

// SaySkipped writes one line to w when the sealed text is not looked for.
func (l *Scanner) SaySkipped(w io.Writer) {
	if l.Skipped != "" {
		fmt.Fprintf(w, "leak check of sealed text skipped: %s (the private-key check still ran)\n", l.Skipped)
	}
}

// Covered is a word on what a clean scan shows ("" when nothing is sealed).
func (l *Scanner) Covered() string {
	switch {
	case l.Skipped != "":
		return "no private keys"
	case len(l.Scenarios) > 0:
		return fmt.Sprintf("no leaks of %d sealed scenarios or keys", len(l.Scenarios))
	}
	return ""
}

// Scan checks every file under dirs, and under scratch (a throwaway build
// of the site, "" for none), and returns the findings as sorted
// "file:line: message" lines. A finding in scratch is listed as
// "site build: PATH:line: message", and only when dirs hold no finding of
// the same text: it reached the site from outside them.
func (l *Scanner) Scan(scratch string, dirs ...string) ([]string, error) {
	all := dirs
	if scratch != "" {
		all = append(dirs[:len(dirs):len(dirs)], scratch)
	}
	found, err := Check(l.Scenarios, all)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	for _, f := range found {
		if f.Scenario != "" {
			if l.leaked == nil {
				l.leaked = map[string]bool{}
			}
			l.leaked[f.Scenario] = true
		}
	}
	l.mu.Unlock()
	var out []string
	type what struct{ kind, scenario, section string }
	seen := map[what]bool{}
	var built []Finding
	for _, f := range found {
		if rel, err := filepath.Rel(scratch, f.File); scratch != "" && err == nil && filepath.IsLocal(rel) {
			f.File = rel
			built = append(built, f)
			continue
		}
		seen[what{f.Kind, f.Scenario, f.Section}] = true
		out = append(out, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(l.Rel(f.File)), f.Line, f.Message()))
	}
	for _, f := range built {
		if !seen[what{f.Kind, f.Scenario, f.Section}] {
			out = append(out, fmt.Sprintf("site build: %s:%d: %s", filepath.ToSlash(f.File), f.Line, f.Message()))
		}
	}
	sort.Strings(out)
	return out, nil
}
