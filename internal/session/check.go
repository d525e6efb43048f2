package session

import (
	"fmt"
	"sort"
	"strings"

	"irp/internal/ledger"
	"irp/internal/people"
	"irp/internal/vault"
)

// Team sizes RFD 111 asks for.
const (
	MinInstigators, MaxInstigators = 1, 3
	MinResponders, MaxResponders   = 3, 6
)

// Record is what Check knows about the people and the scenario.
type Record struct {
	People        people.Directory
	Ledger        []ledger.Entry
	Prerequisites []string // the checklist from config.toml
	Sealed        bool     // the scenario is in vault/scenarios
}

// Warning is a concern about a session's team, at a line of its page.
type Warning struct {
	Line int
	Msg  string
}

// Check returns the concerns about session s (directory name session):
// team sizes, the mix of experience, people who saw the scenario before or
// hold two roles, and missing prerequisites.
func Check(s *Summary, session string, r Record) []Warning {
	var out []Warning
	warn := func(line int, format string, args ...any) {
		out = append(out, Warning{line, fmt.Sprintf(format, args...)})
	}
	iLine, rLine := s.front.line("instigators", 0), s.front.line("responders", 0)
	if n := len(s.Instigators); n < MinInstigators || n > MaxInstigators {
		warn(iLine, "instigators: %d listed; a session has %d to %d", n, MinInstigators, MaxInstigators)
	}
	if n := len(s.Responders); n < MinResponders || n > MaxResponders {
		warn(rLine, "responders: %d listed; a session has %d to %d", n, MinResponders, MaxResponders)
	}
	// This session's own ledger lines (once it has run) say nothing about
	// the experience people brought to it.
	var before []ledger.Entry
	for _, e := range r.Ledger {
		if e.Session != session {
			before = append(before, e)
		}
	}
	if len(s.Responders) > 0 {
		experienced, newcomer := false, false
		for _, who := range s.Responders {
			switch Experience(r.People, before, who) {
			case Experienced:
				experienced = true
			case Newcomer:
				newcomer = true
			}
		}
		if !experienced {
			warn(rLine, "team: nobody experienced among the responders (%d+ practice sessions, or experienced = true in vault/people.toml)", people.ExperiencedAfter)
		}
		if !newcomer {
			warn(rLine, "team: nobody new among the responders (everyone has practised before); a mix helps the newer people most")
		}
	}
	for _, who := range s.Responders {
		if seenIn, seen := seenSessions(before, who, s.Scenario); seen {
			warn(rLine, "responder %s has already seen scenario %s%s", who, s.Scenario, describeSessions(seenIn))
		}
	}
	resp := map[string]bool{}
	for _, who := range s.Responders {
		resp[who] = true
	}
	switch cLine := s.front.line("coordinator", 0); {
	case s.Coordinator == "" && len(s.Responders) > 0:
		suggest := ""
		for _, who := range s.Responders {
			if !ledger.Coordinated(before, who) {
				suggest = fmt.Sprintf(": %s has not had the role yet", who)
				break
			}
		}
		warn(rLine, "coordinator: nobody is the investigation coordinator%s (coordinator = \"NAME\" in the page, one of the responders)", suggest)
	case s.Coordinator != "" && !resp[s.Coordinator]:
		warn(cLine, "coordinator: %s is not one of the responders", s.Coordinator)
	}
	for _, who := range s.Instigators {
		if resp[who] {
			warn(iLine, "%s is both an instigator and a responder", who)
		}
	}
	everyone := append(append([]string(nil), s.Instigators...), s.Responders...)
	done := map[string]bool{}
	for _, who := range everyone {
		if done[who] || len(r.Prerequisites) == 0 {
			continue
		}
		done[who] = true
		line := rLine
		if !resp[who] {
			line = iLine
		}
		p := r.People[who]
		if p == nil {
			warn(line, "%s is not in vault/people.toml, so none of the prerequisites is ticked (%s)", who, strings.Join(r.Prerequisites, ", "))
			continue
		}
		if m := p.Missing(r.Prerequisites); len(m) > 0 {
			warn(line, "%s is missing prerequisite(s): %s", who, strings.Join(m, ", "))
		}
	}
	if s.validScenario() && !r.Sealed {
		warn(s.front.line("scenario", 0), "scenario %s is not sealed in the vault (irp vault list shows what is)", s.Scenario)
	}
	if !vault.InPool(r.Ledger, s.Scenario) {
		warn(s.front.line("scenario", 0), "scenario %s is retired: its full text is on the site for anyone to read", s.Scenario)
	}
	return out
}

// Levels of practice experience.
const (
	Newcomer    = "newcomer"    // no practice session yet
	Practised   = "practised"   // some, but not yet experienced
	Experienced = "experienced" // ExperiencedAfter sessions, or said so in people.toml
)

// Experience says how practised who is, from people.toml and the ledger.
func Experience(dir people.Directory, entries []ledger.Entry, who string) string {
	n := ledger.Sessions(entries, who)
	if p := dir[who]; p != nil {
		if p.Experienced {
			return Experienced
		}
		n += p.Sessions
	}
	switch {
	case n >= people.ExperiencedAfter:
		return Experienced
	case n == 0:
		return Newcomer
	}
	return Practised
}

func seenSessions(entries []ledger.Entry, who, scenario string) (sessions []string, seen bool) {
	for _, e := range entries {
		if e.Event == ledger.Seen && e.Who == who && e.Scenario == scenario {
			seen = true
			if e.Session != "" {
				sessions = append(sessions, e.Session)
			}
		}
	}
	sort.Strings(sessions)
	return sessions, seen
}

func describeSessions(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return " (in " + strings.Join(l, ", ") + ")"
}
