// Package session plans practice sessions, checks their teams, and validates
// and publishes their summaries without spoiling scenarios still in use.
//
// A session lives in content/sessions/<YYYY-MM-DD>-<codename>/index.md. Its
// front matter carries the plan (date, scenario, team, status) and, after
// the follow-up call, the times (start, end), the timeline and the hint
// rungs given; its body carries the written summary.
package session

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	toml "github.com/pelletier/go-toml/v2"

	"irp/internal/doc"
	"irp/internal/scenario"
)

// Statuses a session goes through.
const (
	Planned   = "planned"   // written by irp session new
	Run       = "run"       // held; responders recorded in the ledger
	Published = "published" // summary validated and on the site
)

// RequiredSections are the sections a summary needs before it is published.
var RequiredSections = []string{"Summary", "Impact", "Timeline", "Hints used", "Lessons", "Process suggestions"}

// TimelineEvents are the moments a timeline usually records, in order.
var TimelineEvents = []string{"alarm", "first response", "diagnosis", "mitigation", "recovery"}

// Summary is a parsed session page.
type Summary struct {
	Name        string // file name used in messages
	Doc         *doc.Doc
	Title       string
	Status      string
	Draft       bool
	Codename    string
	Scenario    string
	Date        Time
	WindowStart Time
	WindowEnd   Time
	Start, End  Time
	Instigators []string
	Responders  []string
	Coordinator string // the responder who is investigation coordinator (RFD 124), "" when none
	Timeline    []Event
	Hints       []HintUse

	front front
}

// Time is a front matter time and where it was written. Set is false when
// the field is absent; Err says why a present value is not a UTC time.
type Time struct {
	Set  bool
	T    time.Time
	Raw  string
	Line int
	Err  string
}

// Event is one line of the timeline.
type Event struct {
	At     Time
	Event  string
	Note   string
	Source string // FromJournal, FromChat, or "" when written by hand
	Line   int    // 0 for an entry not read from the page
}

// HintUse is one rung of the scenario's hint ladder that was given.
type HintUse struct {
	Rung   int
	At     Time
	Note   string
	Source string // FromJournal, or "" when written by hand
	Line   int    // 0 for an entry not read from the page
}

// Problem is something wrong with a session page, at a line.
type Problem struct {
	File  string
	Line  int
	Field string // front matter field or section, "" when none
	Msg   string
}

func (p Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.Field != "" {
		return loc + ": " + p.Field + ": " + p.Msg
	}
	return loc + ": " + p.Msg
}

// Parse reads a session page. It fails only when the file cannot be read as
// Markdown with front matter or a field has the wrong type; missing or
// out-of-range values are for Validate to report.
func Parse(name string, src []byte) (*Summary, error) {
	d, err := doc.Parse(name, src)
	if err != nil {
		return nil, err
	}
	if d.Format == doc.None {
		return nil, &doc.Error{Name: name, Line: 1, Msg: "session page has no front matter (run irp session new to write one)"}
	}
	s := &Summary{Name: name, Doc: d}
	fm := frontLines(src, d)
	s.front = fm
	bad := func(key, want string) error {
		return &doc.Error{Name: name, Line: fm.line(key, 0), Msg: fmt.Sprintf("%s: must be %s", key, want)}
	}
	str := func(key string) (string, error) {
		v, ok := d.Params[key]
		if !ok {
			return "", nil
		}
		sv, ok := v.(string)
		if !ok {
			return "", bad(key, "a string")
		}
		return sv, nil
	}
	if s.Title, err = str("title"); err != nil {
		return nil, err
	}
	if s.Status, err = str("status"); err != nil {
		return nil, err
	}
	if s.Codename, err = str("codename"); err != nil {
		return nil, err
	}
	if s.Scenario, err = str("scenario"); err != nil {
		return nil, err
	}
	if s.Coordinator, err = str("coordinator"); err != nil {
		return nil, err
	}
	if v, ok := d.Params["draft"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return nil, bad("draft", "true or false")
		}
		s.Draft = b
	}
	var ok bool
	if s.Instigators, ok = d.Strings("instigators"); !ok {
		return nil, bad("instigators", "a list of names")
	}
	if s.Responders, ok = d.Strings("responders"); !ok {
		return nil, bad("responders", "a list of names")
	}
	s.Date = timeField(d.Params, "date", fm.line("date", 0))
	s.WindowStart = timeField(d.Params, "window_start", fm.line("window_start", 0))
	s.WindowEnd = timeField(d.Params, "window_end", fm.line("window_end", 0))
	s.Start = timeField(d.Params, "start", fm.line("start", 0))
	s.End = timeField(d.Params, "end", fm.line("end", 0))

	tl, err := tables(d.Params, "timeline")
	if err != nil {
		return nil, bad("timeline", "a list of tables ([[timeline]] with at, event, note)")
	}
	for i, t := range tl {
		line := fm.line("timeline", i)
		e := Event{At: timeField(t, "at", line), Line: line}
		if e.Event, ok = t["event"].(string); !ok && t["event"] != nil {
			return nil, &doc.Error{Name: name, Line: line, Msg: "timeline: event must be a string"}
		}
		if e.Note, ok = t["note"].(string); !ok && t["note"] != nil {
			return nil, &doc.Error{Name: name, Line: line, Msg: "timeline: note must be a string"}
		}
		e.Source, _ = t["source"].(string)
		s.Timeline = append(s.Timeline, e)
	}
	hs, err := tables(d.Params, "hints")
	if err != nil {
		return nil, bad("hints", "a list of tables ([[hints]] with rung, at, note)")
	}
	for i, t := range hs {
		line := fm.line("hints", i)
		h := HintUse{At: timeField(t, "at", line), Line: line}
		switch r := t["rung"].(type) {
		case int64:
			h.Rung = int(max(min(r, 1<<20), -1))
		case uint64:
			h.Rung = int(min(r, 1<<20))
		case nil:
		default:
			return nil, &doc.Error{Name: name, Line: line, Msg: "hints: rung must be a whole number (1 is the first rung of the ladder)"}
		}
		if h.Note, ok = t["note"].(string); !ok && t["note"] != nil {
			return nil, &doc.Error{Name: name, Line: line, Msg: "hints: note must be a string"}
		}
		h.Source, _ = t["source"].(string)
		s.Hints = append(s.Hints, h)
	}
	return s, nil
}

// tables reads a front matter list of tables (TOML [[key]], YAML list of maps).
func tables(params map[string]any, key string) ([]map[string]any, error) {
	v, ok := params[key]
	if !ok {
		return nil, nil
	}
	var out []map[string]any
	switch l := v.(type) {
	case []map[string]any:
		return l, nil
	case []any:
		for _, it := range l {
			m, ok := it.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("not a table")
			}
			out = append(out, m)
		}
		return out, nil
	}
	return nil, fmt.Errorf("not a list")
}

// timeField reads a UTC time from params[key]: a TOML date-time with Z, a
// time.Time from YAML, or an RFC 3339 string.
func timeField(params map[string]any, key string, line int) Time {
	v, ok := params[key]
	if !ok {
		return Time{Line: line}
	}
	t := Time{Set: true, Line: line, Raw: fmt.Sprint(v)}
	switch x := v.(type) {
	case time.Time:
		t.T = x
		t.Raw = x.Format(time.RFC3339Nano)
	case string:
		p, err := time.Parse(time.RFC3339, strings.TrimSpace(x))
		if err != nil {
			t.Err = fmt.Sprintf("%q is not a date and time (write it like 2026-12-01T13:04:00Z)", x)
			return t
		}
		t.T = p
	case toml.LocalDateTime, toml.LocalDate, toml.LocalTime:
		t.Err = fmt.Sprintf("%s has no time zone: write it in UTC with a Z, like 2026-12-01T13:04:00Z", t.Raw)
		return t
	default:
		t.Err = fmt.Sprintf("%v is not a date and time (write it like 2026-12-01T13:04:00Z)", v)
		return t
	}
	if _, off := t.T.Zone(); off != 0 {
		t.Err = fmt.Sprintf("%s is not in UTC: write it with a Z, like %s", t.Raw, t.T.UTC().Format(time.RFC3339))
		return t
	}
	t.T = t.T.UTC()
	return t
}

// front records where each front matter key is written, so problems can
// name the line.
type front struct {
	keys   map[string]int   // key → first line
	tables map[string][]int // array-of-tables key → line of each entry
}

var (
	keyLine   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*["']?([A-Za-z_][A-Za-z0-9_-]*)["']?\s*[:=]`) })
	tableLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*\[\[\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\]\]`) })
	yamlItem  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*-\s`) })
)

func frontLines(src []byte, d *doc.Doc) front {
	f := front{keys: map[string]int{}, tables: map[string][]int{}}
	if d.FrontLine == 0 {
		return f
	}
	lines := strings.Split(string(src), "\n")
	end := min(d.BodyLine-2, len(lines)) // the closing delimiter's index
	current := ""                        // the YAML key whose list is being read
	inTable := false
	for i := d.FrontLine - 1; i < end; i++ {
		l := lines[i]
		n := i + 1
		if d.Format == doc.TOML {
			if m := tableLine().FindStringSubmatch(l); m != nil {
				f.tables[m[1]] = append(f.tables[m[1]], n)
				if _, seen := f.keys[m[1]]; !seen {
					f.keys[m[1]] = n
				}
				inTable = true
				continue
			}
			if strings.HasPrefix(strings.TrimSpace(l), "[") && !keyLine().MatchString(l) {
				inTable = true
				continue
			}
		}
		if m := keyLine().FindStringSubmatch(l); m != nil && !startsIndented(l) {
			if inTable {
				continue // a key inside a TOML [table]
			}
			if _, seen := f.keys[m[1]]; !seen {
				f.keys[m[1]] = n
			}
			current = m[1]
			continue
		}
		if d.Format == doc.YAML && yamlItem().MatchString(l) && current != "" {
			f.tables[current] = append(f.tables[current], n)
		}
	}
	return f
}

func startsIndented(l string) bool { return len(l) > 0 && (l[0] == ' ' || l[0] == '\t') }

// line returns the line of the nth entry of table key, else of key, else 1.
func (f front) line(key string, nth int) int {
	if l := f.tables[key]; nth < len(l) {
		return l[nth]
	}
	if n, ok := f.keys[key]; ok {
		return n
	}
	return 1
}

// Section returns the body of a summary section (matched ignoring case)
// and its heading's line.
func (s *Summary) Section(title string) (body string, line int, ok bool) {
	for _, sec := range s.Doc.Sections {
		if strings.EqualFold(strings.TrimSpace(sec.Title), title) {
			return string(sec.Body), sec.Line, true
		}
	}
	return "", 0, false
}

var htmlComment = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)<!--.*?-->`) })

// blank reports whether a section body says nothing beyond guidance comments.
func blank(body string) bool {
	return strings.TrimSpace(htmlComment().ReplaceAllString(body, "")) == ""
}

// Day returns the UTC day the session is on (from its date), zero if unknown.
func (s *Summary) Day() time.Time {
	if !s.Date.Set || s.Date.Err != "" {
		return time.Time{}
	}
	y, m, d := s.Date.T.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// validScenario reports whether the page names a scenario id.
func (s *Summary) validScenario() bool { return scenario.ValidID(s.Scenario) }
