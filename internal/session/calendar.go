package session

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"irp/internal/atomicfile"
	"irp/internal/people"
)

// Files the list page and the calendar read, next to content/sessions/_index.md.
const (
	FeedFile  = "sessions.ics" // iCalendar feed of planned sessions
	PlansFile = "plans.json"   // sessions not yet published, for the list page
)

// Entry is a session not yet published, as the list page and the calendar
// show it: no scenario, since a plan must not tell responders what to read.
type Entry struct {
	Name        string     `json:"name"`
	Codename    string     `json:"codename"`
	Status      string     `json:"status"`
	Date        time.Time  `json:"date"`
	WindowStart *time.Time `json:"window_start,omitempty"`
	WindowEnd   *time.Time `json:"window_end,omitempty"`
	Team        Team       `json:"team"`
}

// Plans reads every session page under sessions that is not yet published.
// Pages that do not parse are returned by name in bad, not fatal.
func Plans(sessions string, dir people.Directory, initials bool) (plans []Entry, bad []error, err error) {
	names, err := List(sessions)
	if err != nil {
		return nil, nil, err
	}
	for _, n := range names {
		path := filepath.Join(sessions, n, "index.md")
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		s, err := Parse(path, src)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		if s.Status == Published || !s.Date.Set || s.Date.Err != "" {
			continue
		}
		e := Entry{Name: n, Codename: s.Codename, Status: s.Status, Date: s.Date.T, Team: TeamOf(s, dir, initials)}
		if s.WindowStart.Set && s.WindowEnd.Set && s.WindowStart.Err == "" && s.WindowEnd.Err == "" {
			ws, we := s.WindowStart.T, s.WindowEnd.T
			e.WindowStart, e.WindowEnd = &ws, &we
		}
		plans = append(plans, e)
	}
	sort.Slice(plans, func(i, j int) bool { return plans[i].Date.Before(plans[j].Date) })
	return plans, bad, nil
}

// DefaultLength is how long a calendar entry blocks without a window: RFD
// 111 aims to finish a session within one to four hours.
const DefaultLength = 4 * time.Hour

// Calendar returns an iCalendar (RFC 5545) feed of the planned sessions in
// plans, stamped now.
func Calendar(plans []Entry, now time.Time) []byte {
	var b bytes.Buffer
	line := func(s string) { fold(&b, s) }
	stamp := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//irp//incident response practice sessions//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:Incident response practice")
	for _, p := range plans {
		if p.Status != Planned {
			continue
		}
		start, end := p.Date, p.Date.Add(DefaultLength)
		desc := "Practice session " + p.Codename + "."
		if p.WindowStart != nil {
			start, end = *p.WindowStart, *p.WindowEnd
			desc += " The outage starts at a surprise time inside this window."
		}
		desc += "\nResponders: " + strings.Join(p.Team.Responders, ", ") +
			"\nInstigators: " + strings.Join(p.Team.Instigators, ", ")
		line("BEGIN:VEVENT")
		line("UID:" + escape(p.Name) + "@irp")
		line("DTSTAMP:" + stamp(now))
		line("DTSTART:" + stamp(start))
		line("DTEND:" + stamp(end))
		line("SUMMARY:" + escape("Incident response practice: "+p.Codename))
		line("DESCRIPTION:" + escape(desc))
		line("STATUS:CONFIRMED")
		line("TRANSP:OPAQUE")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.Bytes()
}

// escape quotes TEXT values (RFC 5545 section 3.3.11).
func escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// fold writes one content line, folded at 75 octets without splitting a
// UTF-8 sequence, ending in CRLF (RFC 5545 section 3.1).
func fold(b *bytes.Buffer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}

// WriteFeed rewrites content/sessions/plans.json and sessions.ics from the
// session pages. It returns the pages it could not read, which are left out.
func WriteFeed(sessions string, dir people.Directory, initials bool, now time.Time) ([]error, error) {
	plans, bad, err := Plans(sessions, dir, initials)
	if err != nil {
		return nil, err
	}
	if plans == nil {
		plans = []Entry{}
	}
	if err := WriteJSON(filepath.Join(sessions, PlansFile), plans); err != nil {
		return bad, err
	}
	if err := atomicfile.Write(filepath.Join(sessions, FeedFile), Calendar(plans, now), 0o644); err != nil {
		return bad, fmt.Errorf("write %s: %w", FeedFile, err)
	}
	return bad, nil
}
