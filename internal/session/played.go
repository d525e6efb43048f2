package session

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"irp/internal/doc"
	"irp/internal/journal"
)

// FromJournal is the Source of timeline and hint entries written from the
// instigators' journals; irp session import-chat writes FromChat. Entries
// without a source were written by hand and are never replaced.
const (
	FromJournal = "journal"
	FromChat    = "chat"
)

// StatusReportEvent is how a status report reads on the timeline.
const StatusReportEvent = "status report"

// Played is what the instigators' journals say happened, in the page's
// terms: times, milestones, rung numbers and public notes, never the
// scenario's text.
type Played struct {
	Start, End time.Time // zero when not recorded
	Aborted    bool
	Timeline   []Event
	Hints      []HintUse
	Private    []journal.Event // private notes, for the sealed notes file
	Reports    int             // status reports posted
}

// Recorded reports whether the journals hold anything for the page.
func (p Played) Recorded() bool {
	return !p.Start.IsZero() || len(p.Timeline) > 0 || len(p.Hints) > 0 || len(p.Private) > 0
}

// Replay turns merged journal events (journal.Merge) into what the page
// shows. Each milestone counts once, at its earliest mark, as does each
// hint rung; status reports and public notes count every time.
func Replay(evs []journal.Event) Played {
	var p Played
	seen := map[string]bool{}
	rungs := map[int]bool{}
	at := func(t time.Time) Time {
		t = t.UTC()
		return Time{Set: true, T: t, Raw: t.Format(time.RFC3339)}
	}
	for _, e := range evs {
		note := e.Note
		if e.Private {
			note = ""
		}
		switch e.Kind {
		case journal.Induced, journal.Detected, journal.Diagnosed, journal.Mitigated, journal.Resolved, journal.Aborted:
			if seen[e.Kind] {
				continue
			}
			seen[e.Kind] = true
			switch e.Kind {
			case journal.Induced:
				p.Start = e.At.UTC()
			case journal.Resolved, journal.Aborted:
				if p.End.IsZero() {
					p.End = e.At.UTC()
				}
				p.Aborted = p.Aborted || e.Kind == journal.Aborted
			}
			p.Timeline = append(p.Timeline, Event{At: at(e.At), Event: e.Kind, Note: note, Source: FromJournal})
		case journal.StatusReport:
			p.Reports++
			p.Timeline = append(p.Timeline, Event{At: at(e.At), Event: StatusReportEvent, Note: note, Source: FromJournal})
		case journal.Note:
			if e.Private {
				p.Private = append(p.Private, e)
				continue
			}
			p.Timeline = append(p.Timeline, Event{At: at(e.At), Event: "note", Note: note, Source: FromJournal})
		case journal.Hint:
			if rungs[e.Rung] {
				continue
			}
			rungs[e.Rung] = true
			p.Hints = append(p.Hints, HintUse{Rung: e.Rung, At: at(e.At), Note: note, Source: FromJournal})
		}
		if e.Private && e.Kind != journal.Note && e.Note != "" {
			p.Private = append(p.Private, e)
		}
	}
	return p
}

// PrivateNotes renders the private notes for sealing (vault/sessions/
// <session>.notes.age): Markdown, one line per note, times in UTC.
func PrivateNotes(session string, notes []journal.Event) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Private notes of practice session %s\n\nSealed for the instigators: they may name the cause.\n\n", session)
	for _, n := range notes {
		what := ""
		if n.Kind != journal.Note {
			what = " (" + n.Kind + ")"
		}
		fmt.Fprintf(&b, "- %s %s%s: %s\n", n.At.UTC().Format("15:04:05"), n.By, what, n.Note)
	}
	return []byte(b.String())
}

// ApplyPlayed returns the page src with what the journals recorded written
// into its TOML front matter: start and end (when recorded), and the
// [[timeline]] and [[hints]] entries from the journals, replacing those an
// earlier run wrote and keeping every entry written by hand or imported
// from the chat. Entries are ordered by time. Every other line stays as it
// was; the result is read back and refused if anything else changed.
func ApplyPlayed(s *Summary, src []byte, p Played) ([]byte, error) {
	if s.Doc.Format != doc.TOML {
		return nil, fmt.Errorf("%s: the front matter is not TOML (+++): write start, end, [[timeline]] and [[hints]] by hand", s.Name)
	}
	keep := func(source string) bool { return source != FromJournal }
	var tl []Event
	for _, e := range s.Timeline {
		if keep(e.Source) {
			tl = append(tl, e)
		}
	}
	tl = append(tl, p.Timeline...)
	var hs []HintUse
	for _, h := range s.Hints {
		if keep(h.Source) {
			hs = append(hs, h)
		}
	}
	hs = append(hs, p.Hints...)
	set := map[string]string{}
	if !p.Start.IsZero() {
		set["start"] = p.Start.UTC().Format(time.RFC3339)
	}
	if !p.End.IsZero() {
		set["end"] = p.End.UTC().Format(time.RFC3339)
	}
	return rewriteFront(s, src, set, tl, hs)
}

// AddTimeline returns src with entries added to the page's [[timeline]],
// kept in time order with the entries already there.
func AddTimeline(s *Summary, src []byte, entries []Event) ([]byte, error) {
	if s.Doc.Format != doc.TOML {
		return nil, fmt.Errorf("%s: the front matter is not TOML (+++): add the [[timeline]] entries by hand", s.Name)
	}
	tl := append(slices.Clone(s.Timeline), entries...)
	return rewriteFront(s, src, nil, tl, s.Hints)
}

// block is a [[timeline]] or [[hints]] table in the front matter: its lines
// and the entry it holds.
type block struct {
	text string
	at   time.Time
}

// rewriteFront sets top-level keys (TOML values, written as given) and
// replaces every [[timeline]] and [[hints]] table with tl and hs, sorted by
// time, at the end of the front matter. An entry that came from the page
// keeps its text as written.
func rewriteFront(s *Summary, src []byte, set map[string]string, tl []Event, hs []HintUse) ([]byte, error) {
	lines := strings.SplitAfter(string(src), "\n")
	closing := s.Doc.BodyLine - 2 // index of the closing +++
	if closing < 1 || closing >= len(lines) {
		return nil, fmt.Errorf("%s: cannot find the end of the front matter", s.Name)
	}
	nl := eol(lines[0])
	// Cut out the managed tables, remembering each one's text in file order.
	var kept []string
	texts := map[string][]string{}
	for i := 0; i < closing; i++ {
		l := lines[i]
		m := tableLine().FindStringSubmatch(l)
		if i == 0 || m == nil || (m[1] != "timeline" && m[1] != "hints") {
			kept = append(kept, l)
			continue
		}
		j := i + 1
		for j < closing && !isHeader(lines[j]) {
			j++
		}
		// Comments and blank lines trailing the table are not part of it.
		end := j
		for end > i+1 && isCommentOrBlank(lines[end-1]) {
			end--
		}
		texts[m[1]] = append(texts[m[1]], strings.Join(lines[i:end], ""))
		for _, l := range lines[end:j] {
			if strings.TrimSpace(l) != "" {
				kept = append(kept, l) // a comment; blank lines go
			}
		}
		i = j - 1
	}
	if len(texts["timeline"]) != len(s.Timeline) || len(texts["hints"]) != len(s.Hints) {
		return nil, fmt.Errorf("%s: cannot match the [[timeline]] and [[hints]] tables to their lines: edit them by hand", s.Name)
	}
	orig := func(kind string, line int) string {
		for k, t := range texts[kind] {
			if s.front.line(kind, k) == line {
				return t
			}
		}
		return ""
	}
	var blocks []block
	for _, e := range tl {
		text := ""
		if e.Line > 0 {
			text = orig("timeline", e.Line)
		}
		if text == "" {
			text = renderTable("timeline", []kv{{"at", e.At.Raw}, {"event", tomlString(e.Event)}, {"note", quoteOpt(e.Note)}, {"source", quoteOpt(e.Source)}}, nl)
		}
		blocks = append(blocks, block{text, e.At.T})
	}
	slices.SortStableFunc(blocks, func(a, b block) int { return a.at.Compare(b.at) })
	var hblocks []block
	for _, h := range hs {
		text := ""
		if h.Line > 0 {
			text = orig("hints", h.Line)
		}
		if text == "" {
			text = renderTable("hints", []kv{{"rung", strconv.Itoa(h.Rung)}, {"at", h.At.Raw}, {"note", quoteOpt(h.Note)}, {"source", quoteOpt(h.Source)}}, nl)
		}
		hblocks = append(hblocks, block{text, h.At.T})
	}
	slices.SortStableFunc(hblocks, func(a, b block) int { return a.at.Compare(b.at) })

	// Top-level keys: replace in place (tables come after every top-level
	// key, so no line before one was cut), else add after the opening +++.
	var add []string
	for _, key := range []string{"start", "end"} {
		if _, ok := set[key]; !ok {
			continue
		}
		line := key + " = " + set[key] + nl
		if n, ok := s.front.keys[key]; ok && n-1 < len(kept) {
			kept[n-1] = line
			continue
		}
		add = append(add, line)
	}
	kept = slices.Insert(kept, 1, add...)
	if len(blocks)+len(hblocks) > 0 {
		for len(kept) > 1 && strings.TrimSpace(kept[len(kept)-1]) == "" {
			kept = kept[:len(kept)-1]
		}
	}
	var b strings.Builder
	for _, l := range kept {
		b.WriteString(l)
	}
	body := strings.Join(lines[closing:], "")
	if len(blocks)+len(hblocks) > 0 {
		b.WriteString(nl)
		for i, bl := range append(blocks, hblocks...) {
			if i > 0 {
				b.WriteString(nl)
			}
			b.WriteString(ensureNL(bl.text, nl))
		}
	}
	out := []byte(b.String() + body)
	back, err := Parse(s.Name, out)
	if err == nil {
		err = sameExcept(s, back, set, len(tl), len(hs))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write the timeline into the front matter (%v): write it by hand", s.Name, err)
	}
	return out, nil
}

func sameExcept(before, after *Summary, set map[string]string, nTimeline, nHints int) error {
	strip := func(m map[string]any) map[string]any {
		c := maps.Clone(m)
		for _, k := range []string{"timeline", "hints"} {
			delete(c, k)
		}
		for k := range set {
			delete(c, k)
		}
		return c
	}
	if !reflect.DeepEqual(strip(before.Doc.Params), strip(after.Doc.Params)) {
		return fmt.Errorf("other fields would change")
	}
	if string(before.Doc.Body) != string(after.Doc.Body) {
		return fmt.Errorf("the body would change")
	}
	if len(after.Timeline) != nTimeline || len(after.Hints) != nHints {
		return fmt.Errorf("the result does not read back as intended")
	}
	return nil
}

type kv struct{ k, v string }

func renderTable(name string, fields []kv, nl string) string {
	var b strings.Builder
	b.WriteString("[[" + name + "]]" + nl)
	for _, f := range fields {
		if f.v != "" {
			b.WriteString(f.k + " = " + f.v + nl)
		}
	}
	return b.String()
}

func quoteOpt(s string) string {
	if s == "" {
		return ""
	}
	return tomlString(s)
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func ensureNL(s, nl string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + nl
}

func isHeader(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, "[") && !keyLine().MatchString(l)
}

func isCommentOrBlank(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || strings.HasPrefix(t, "#")
}

// ParseAt reads a --at time: RFC 3339, or HH:MM (or HH:MM:SS) on the
// session's day, in UTC.
func ParseAt(s string, day time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"15:04", "15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			if day.IsZero() {
				return time.Time{}, fmt.Errorf("%q: the session has no date to put it on: give a full time like 2026-12-01T13:04:00Z", s)
			}
			return day.Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second), nil
		}
	}
	t, err := ParseTime(s)
	if err != nil {
		return t, fmt.Errorf("%q is not a time: write HH:MM (UTC, on the session's day) or RFC 3339 like 2026-12-01T13:04:00Z", s)
	}
	return t, nil
}
