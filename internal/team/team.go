// Package team tells an organiser what each person has practised: their
// sessions and roles, the components of the scenarios they have seen, the
// prerequisites they still miss; it ranks the scenarios a team has not seen
// by the new ground they offer, and follows the team's times from session to
// session.
package team

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"irp/internal/ledger"
	"irp/internal/people"
	"irp/internal/session"
)

// Roles a person can hold in a session.
const (
	Responder   = "responder"
	Instigator  = "instigator"
	Coordinator = "coordinator"
)

// Session is a held session as the team view needs it.
type Session struct {
	Name        string // the directory name, the session's id in the ledger
	Codename    string
	Date        time.Time
	Status      string
	Scenario    string
	Instigators []string
	Responders  []string
	Coordinator string // one of the responders, "" when none was named
	Summary     *session.Summary
}

// Input is everything Build reads.
type Input struct {
	People        people.Directory
	Ledger        []ledger.Entry
	Sessions      []Session           // held sessions (run or published)
	Components    map[string][]string // scenario id → its components; absent when sealed to the caller
	Prerequisites []string            // config.toml's checklist
	Exclude       string              // a session to leave out (the one being checked)
}

// Last is the most recent session someone took part in.
type Last struct {
	Session string    `json:"session"`
	Date    time.Time `json:"date"`
	Role    string    `json:"role"`
}

// Person is what one person has practised.
type Person struct {
	Handle      string         `json:"handle"`
	Name        string         `json:"name,omitempty"`
	Experience  string         `json:"experience"`
	Responder   int            `json:"responder"`
	Instigator  int            `json:"instigator"`
	Coordinator int            `json:"coordinator"`
	Earlier     int            `json:"earlier,omitempty"` // sessions before the ledger (people.toml)
	Last        *Last          `json:"last"`
	Seen        []string       `json:"seen"`              // scenarios seen as a responder
	Components  map[string]int `json:"components"`        // component → times practised
	Unknown     []string       `json:"unknown,omitempty"` // seen scenarios the caller cannot open: not counted
	Missing     []string       `json:"missing"`           // prerequisites not ticked in people.toml
}

// Build returns everyone in people.toml, the ledger or a held session,
// sorted by handle.
func Build(in Input) []Person {
	byHandle := map[string]*Person{}
	get := func(h string) *Person {
		if p := byHandle[h]; p != nil {
			return p
		}
		p := &Person{Handle: h, Seen: []string{}, Components: map[string]int{}, Missing: []string{}}
		byHandle[h] = p
		return p
	}
	for _, h := range in.People.Handles() {
		get(h)
	}
	// Responders: the ledger is the record; a published page whose
	// responders are missing from it (a hand-edited ledger) still counts.
	type key struct{ who, session string }
	responded := map[key]bool{}
	seen := map[string]map[string]bool{}
	see := func(who, scenario string) {
		if seen[who] == nil {
			seen[who] = map[string]bool{}
		}
		seen[who][scenario] = true
	}
	dates := map[string]Session{}
	for _, s := range in.Sessions {
		dates[s.Name] = s
	}
	last := func(p *Person, l Last) {
		if p.Last == nil || !l.Date.Before(p.Last.Date) {
			p.Last = &l
		}
	}
	for _, e := range in.Ledger {
		if e.Event != ledger.Seen || e.Who == "" || (in.Exclude != "" && e.Session == in.Exclude) {
			continue
		}
		p := get(e.Who)
		see(e.Who, e.Scenario)
		k := key{e.Who, e.Session}
		if e.Session == "" {
			k.session = "scenario:" + e.Scenario
		}
		if !responded[k] {
			responded[k] = true
			p.Responder++
		}
		when := e.Time
		if s, ok := dates[e.Session]; ok && !s.Date.IsZero() {
			when = s.Date
		}
		last(p, Last{Session: e.Session, Date: when, Role: Responder})
	}
	for _, s := range in.Sessions {
		if s.Name == in.Exclude {
			continue
		}
		for _, who := range s.Responders {
			p := get(who)
			if !responded[key{who, s.Name}] {
				responded[key{who, s.Name}] = true
				p.Responder++
				if s.Scenario != "" {
					see(who, s.Scenario)
				}
			}
			role := Responder
			if who == s.Coordinator {
				role = Coordinator
			}
			last(p, Last{Session: s.Name, Date: s.Date, Role: role})
		}
		if s.Coordinator != "" {
			get(s.Coordinator).Coordinator++
		}
		for _, who := range s.Instigators {
			p := get(who)
			p.Instigator++
			last(p, Last{Session: s.Name, Date: s.Date, Role: Instigator})
		}
	}
	var ledgerBefore []ledger.Entry
	for _, e := range in.Ledger {
		if in.Exclude == "" || e.Session != in.Exclude {
			ledgerBefore = append(ledgerBefore, e)
		}
	}
	out := make([]Person, 0, len(byHandle))
	for h, p := range byHandle {
		for id := range seen[h] {
			p.Seen = append(p.Seen, id)
			comps, ok := in.Components[id]
			if !ok {
				p.Unknown = append(p.Unknown, id)
				continue
			}
			for _, c := range comps {
				p.Components[c]++
			}
		}
		sort.Strings(p.Seen)
		sort.Strings(p.Unknown)
		if d := in.People[h]; d != nil {
			p.Name = d.Name
			p.Earlier = d.Sessions
			p.Missing = append(p.Missing, d.Missing(in.Prerequisites)...)
		} else {
			p.Missing = append(p.Missing, in.Prerequisites...)
		}
		p.Experience = session.Experience(in.People, ledgerBefore, h)
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Handle < out[j].Handle })
	return out
}

// Components returns every component anyone has practised, sorted.
func Components(ps []Person) []string {
	set := map[string]bool{}
	for _, p := range ps {
		for c := range p.Components {
			set[c] = true
		}
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// WriteText prints one line per person, then the people × components
// matrix: how many times each has practised each component, "." for never; prerequisites is config.toml's checklist, so that someone missing every
// item reads "all N".
func WriteText(w io.Writer, ps []Person, components, prerequisites []string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PERSON\tEXPERIENCE\tRESPONDER\tINSTIGATOR\tCOORDINATOR\tLAST\tMISSING")
	for _, p := range ps {
		lastS := "-"
		if p.Last != nil {
			lastS = p.Last.Date.UTC().Format(time.DateOnly) + " " + p.Last.Role
			if p.Last.Session != "" {
				lastS += " (" + p.Last.Session + ")"
			}
		}
		missing := "-"
		switch n := len(p.Missing); {
		case n > 1 && n == len(prerequisites):
			missing = fmt.Sprintf("all %d", n)
		case n > 0:
			missing = strings.Join(p.Missing, ", ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\n", p.Handle, p.Experience, p.Responder, p.Instigator, p.Coordinator, lastS, missing)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(components) == 0 {
		_, err := fmt.Fprintln(w, "\nno component practised yet")
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, c := range components {
		fmt.Fprintf(tw, "%s\t", c)
	}
	fmt.Fprintln(tw)
	for _, p := range ps {
		fmt.Fprintf(tw, "%s\t", p.Handle)
		for _, c := range components {
			if n := p.Components[c]; n > 0 {
				fmt.Fprintf(tw, "%d\t", n)
			} else {
				fmt.Fprint(tw, ".\t")
			}
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var unknown []string
	for _, p := range ps {
		unknown = append(unknown, p.Unknown...)
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		unknown = compact(unknown)
		_, err := fmt.Fprintf(w, "\nnot counted (your identity does not open them): %s\n", strings.Join(unknown, ", "))
		return err
	}
	return nil
}

func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// LoadSessions reads the held sessions (status run or published) under
// dir (content/sessions). Pages that do not parse are returned as errors and
// left out.
func LoadSessions(dir string) ([]Session, []error, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	var out []Session
	var bad []error
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		path := filepath.Join(dir, e.Name(), "index.md")
		src, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		s, err := session.Parse(filepath.ToSlash(filepath.Join(filepath.Base(dir), e.Name(), "index.md")), src)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		if s.Status != session.Run && s.Status != session.Published {
			continue
		}
		coord, _ := s.Doc.Params["coordinator"].(string)
		out = append(out, Session{
			Name: e.Name(), Codename: s.Codename, Date: s.Date.T, Status: s.Status, Scenario: s.Scenario,
			Instigators: s.Instigators, Responders: s.Responders, Coordinator: coord, Summary: s,
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Date.Equal(out[j].Date) {
			return out[i].Date.Before(out[j].Date)
		}
		return out[i].Name < out[j].Name
	})
	return out, bad, nil
}
