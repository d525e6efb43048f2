package session

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"irp/internal/scenario"
)

// Options describe a session to plan.
type Options struct {
	Sessions    string    // content/sessions
	Scenario    string    // scenario id
	Date        time.Time // when the incident starts; zero when Window is set
	WindowStart time.Time // with WindowEnd: start at a surprise time inside
	WindowEnd   time.Time
	Instigators []string
	Responders  []string
	Coordinator string    // one of the responders, "" for none yet
	Rand        io.Reader // crypto/rand when nil
	// Avoid lists names the codename must not be: the ids of every
	// scenario, since they are adjective-noun codenames too, and a session
	// named like another scenario would point readers at the wrong one.
	Avoid []string
	// Seal stores the surprise start where only the vault's recipients can
	// read it (vault.SealBytes); needed when a window is set.
	Seal func(name string, plaintext []byte) error

	window string // --window as typed, for messages
}

// Plan is a newly written session.
type Plan struct {
	Dir      string    // content/sessions/<Name>
	Name     string    // <YYYY-MM-DD>-<codename>
	Codename string    //
	Start    time.Time // the sealed surprise start, zero without a window
}

var handlePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`) })

// ParseTime reads a time from the command line: RFC 3339, seconds optional,
// returned in UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time like 2026-12-01T13:00:00Z", s)
}

// ParseWindow reads START/END, both on the same UTC day, START before END.
func ParseWindow(s string) (start, end time.Time, err error) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return start, end, fmt.Errorf("window %q: want START/END, like 2026-12-01T13:00Z/2026-12-01T17:00Z", s)
	}
	if start, err = ParseTime(a); err != nil {
		return start, end, fmt.Errorf("window start: %w", err)
	}
	if end, err = ParseTime(b); err != nil {
		return start, end, fmt.Errorf("window end: %w", err)
	}
	if !start.Before(end) {
		return start, end, fmt.Errorf("window %q: start is not before end", s)
	}
	if !sameDay(end.Add(-time.Nanosecond), start) {
		return start, end, fmt.Errorf("window %q spans more than one UTC day: a session runs within one day", s)
	}
	return start, end, nil
}

// CheckTeam rejects names that cannot be handles and repeats within a list.
func CheckTeam(role string, names []string) error {
	if len(names) == 0 {
		return fmt.Errorf("%s: nobody listed", role)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if !handlePattern().MatchString(n) {
			return fmt.Errorf("%s: %q is not a handle (letters, digits, dot, dash, underscore; the key in vault/people.toml)", role, n)
		}
		if seen[n] {
			return fmt.Errorf("%s: %s is listed twice", role, n)
		}
		seen[n] = true
	}
	return nil
}

// New writes the plan of a session as a draft page and, with a window,
// seals the surprise start time.
func New(o Options) (*Plan, error) {
	if !scenario.ValidID(o.Scenario) {
		return nil, fmt.Errorf("scenario %q is not a scenario id (lowercase letters, digits, dashes)", o.Scenario)
	}
	if err := CheckTeam("instigators", o.Instigators); err != nil {
		return nil, err
	}
	if err := CheckTeam("responders", o.Responders); err != nil {
		return nil, err
	}
	if o.Coordinator != "" && !slices.Contains(o.Responders, o.Coordinator) {
		return nil, fmt.Errorf("coordinator: %s is not one of the responders (%s)", o.Coordinator, strings.Join(o.Responders, ", "))
	}
	windowed := !o.WindowStart.IsZero()
	date := o.Date.UTC()
	var start time.Time
	if windowed {
		if o.Seal == nil {
			return nil, errors.New("a window needs the vault to seal the start time")
		}
		span := o.WindowEnd.Sub(o.WindowStart) / time.Minute
		if span < 1 {
			return nil, errors.New("window is shorter than a minute")
		}
		off, err := pick(randOr(o.Rand), int(span))
		if err != nil {
			return nil, err
		}
		start = o.WindowStart.UTC().Add(time.Duration(off) * time.Minute)
		date = o.WindowStart.UTC()
	}
	if err := os.MkdirAll(o.Sessions, 0o755); err != nil {
		return nil, err
	}
	ents, err := os.ReadDir(o.Sessions)
	if err != nil {
		return nil, err
	}
	code, err := NewCodename(o.Rand, func(c string) bool {
		for _, e := range ents {
			if e.IsDir() && (e.Name() == c || strings.HasSuffix(e.Name(), "-"+c)) {
				return true
			}
		}
		return sharesWord(c, o.Scenario) || slices.Contains(o.Avoid, c)
	})
	if err != nil {
		return nil, err
	}
	p := &Plan{Name: date.Format(time.DateOnly) + "-" + code, Codename: code, Start: start}
	p.Dir = filepath.Join(o.Sessions, p.Name)
	if err := os.Mkdir(p.Dir, 0o755); err != nil {
		return nil, err
	}
	page := planPage(o, p, date)
	if err := os.WriteFile(filepath.Join(p.Dir, "index.md"), page, 0o644); err != nil {
		os.RemoveAll(p.Dir)
		return nil, err
	}
	if windowed {
		secret := fmt.Sprintf("# The surprise start of practice session %s: only instigators may read it.\nsession = %q\nstart = %s\n",
			p.Name, p.Name, start.Format(time.RFC3339))
		if err := o.Seal("sessions/"+p.Name, []byte(secret)); err != nil {
			os.RemoveAll(p.Dir)
			return nil, fmt.Errorf("seal the start time: %w", err)
		}
	}
	return p, nil
}

// sharesWord reports whether codename has a dash-separated word in common
// with the scenario id: session slate-finch would point at scenario
// slate-wren for anyone who can list the vault.
func sharesWord(codename, scenario string) bool {
	words := strings.Split(scenario, "-")
	for _, w := range strings.Split(codename, "-") {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func planPage(o Options, p *Plan, date time.Time) []byte {
	var b bytes.Buffer
	day := date.Format(time.DateOnly)
	// Example times: from the public date, or placeholders when the real
	// start is a sealed surprise.
	ex := func(d time.Duration) string { return date.Add(d).Format("15:04") }
	if !o.WindowStart.IsZero() {
		ex = func(time.Duration) string { return "HH:MM" }
	}
	fmt.Fprintf(&b, "+++\n")
	fmt.Fprintf(&b, "title = %q\n", "Practice session "+p.Codename)
	fmt.Fprintf(&b, "date = %s\n", date.Format(time.RFC3339))
	fmt.Fprintf(&b, "draft = true\n")
	fmt.Fprintf(&b, "status = %q\n", Planned)
	fmt.Fprintf(&b, "codename = %q\n", p.Codename)
	fmt.Fprintf(&b, "scenario = %q\n", o.Scenario)
	fmt.Fprintf(&b, "instigators = %s\n", quoteList(o.Instigators))
	fmt.Fprintf(&b, "responders = %s\n", quoteList(o.Responders))
	if o.Coordinator != "" {
		fmt.Fprintf(&b, "coordinator = %q\n", o.Coordinator)
	}
	if !o.WindowStart.IsZero() {
		fmt.Fprintf(&b, "# The incident starts at a surprise time inside this window; the time\n")
		fmt.Fprintf(&b, "# itself is sealed in vault/sessions/%s.age for the instigators.\n", p.Name)
		fmt.Fprintf(&b, "window_start = %s\n", o.WindowStart.UTC().Format(time.RFC3339))
		fmt.Fprintf(&b, "window_end = %s\n", o.WindowEnd.UTC().Format(time.RFC3339))
	}
	fmt.Fprintf(&b, `
# After the follow-up call, fill in the fields below (times in UTC, on
# %[1]s), write the sections, then run:
#   irp session publish content/sessions/%[2]s
#
# start = %[1]sT%[4]s:00Z     # when the outage began
# end = %[1]sT%[5]s:00Z       # when service was fully restored
#
# One [[timeline]] per moment: alarm, first response, diagnosis,
# mitigation, recovery.
# [[timeline]]
# at = %[1]sT%[6]s:00Z
# event = "alarm"
# note = "Amon alarm in ~incident-practice"
#
# One [[hints]] per rung of the scenario's hint ladder that was given
# (rung 1 is the first).
# [[hints]]
# rung = 1
# at = %[1]sT%[7]s:00Z
+++

## Summary

<!-- A few sentences for readers who were not there: what responders saw
and how they went about it. Name the session by its codename (%[3]s),
never the scenario's title. While the scenario is in the pool (irp vault
list), leave out the cause and the fix: they are its Resolution, and the
next team may read this page. After irp vault retire you may add them. -->

## Impact

<!-- The page shows the table and chart from files next to this one, which
one pass over the logs writes:
  irp impact --json --svg content/sessions/%[2]s/impact.svg LOG... > content/sessions/%[2]s/impact.json
impact.json's window gives start and end above. Say here which users were
affected and how. -->

## Timeline

<!-- The [[timeline]] entries above make the table; add context here. -->

## Hints used

<!-- Which rungs were needed and why; the [[hints]] entries above give the
rung numbers and times. Do not quote the hints themselves. -->

## Lessons

<!-- What responders learned about the system, the tools and the process. -->

## Process suggestions

<!-- What to change about the practice itself. -->
`, day, p.Name, p.Codename, ex(4*time.Minute), ex(91*time.Minute), ex(6*time.Minute), ex(50*time.Minute))
	return b.Bytes()
}

// List returns the names of the session directories under sessions, sorted.
func List(sessions string) ([]string, error) {
	ents, err := os.ReadDir(sessions)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			if _, err := os.Stat(filepath.Join(sessions, e.Name(), "index.md")); err == nil {
				out = append(out, e.Name())
			}
		}
	}
	return out, nil
}
