package session

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"irp/internal/people"
)

// component is a parsed iCalendar component.
type component struct {
	name  string
	props map[string][]string // property name → values (unescaped TEXT)
	subs  []*component
}

var (
	contentLine = regexp.MustCompile(`^([A-Z][A-Z0-9-]*)((?:;[A-Z0-9-]+=[^:;]*)*):(.*)$`)
	utcStamp    = regexp.MustCompile(`^\d{8}T\d{6}Z$`)
)

// parseICS is a strict RFC 5545 reader for the subset irp writes: CRLF line
// ends, physical lines of at most 75 octets, folding by a leading space,
// balanced BEGIN/END, valid UTF-8.
func parseICS(b []byte) (*component, error) {
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("not UTF-8")
	}
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		return nil, fmt.Errorf("does not end in CRLF")
	}
	raw := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	var lines []string
	for i, l := range raw {
		if strings.ContainsAny(l, "\r\n") {
			return nil, fmt.Errorf("line %d: bare CR or LF", i+1)
		}
		if len(l) > 75 {
			return nil, fmt.Errorf("line %d: %d octets, over 75", i+1, len(l))
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				return nil, fmt.Errorf("line %d: continuation with nothing to continue", i+1)
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []*component
	var root *component
	for i, l := range lines {
		m := contentLine.FindStringSubmatch(l)
		if m == nil {
			return nil, fmt.Errorf("logical line %d: %q is not NAME:VALUE", i+1, l)
		}
		name, value := m[1], m[3]
		switch name {
		case "BEGIN":
			c := &component{name: value, props: map[string][]string{}}
			if len(stack) > 0 {
				stack[len(stack)-1].subs = append(stack[len(stack)-1].subs, c)
			} else if root != nil {
				return nil, fmt.Errorf("two top-level components")
			}
			if root == nil {
				root = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].name != value {
				return nil, fmt.Errorf("logical line %d: END:%s does not close the open component", i+1, value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("logical line %d: property outside a component", i+1)
			}
			v, err := unescapeText(value)
			if err != nil {
				return nil, fmt.Errorf("logical line %d: %v", i+1, err)
			}
			stack[len(stack)-1].props[name] = append(stack[len(stack)-1].props[name], v)
		}
	}
	if len(stack) != 0 || root == nil || root.name != "VCALENDAR" {
		return nil, fmt.Errorf("not one complete VCALENDAR")
	}
	return root, nil
}

func unescapeText(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			if s[i] == ';' || s[i] == ',' {
				return "", fmt.Errorf("unescaped %q in %q", s[i], s)
			}
			b.WriteByte(s[i])
			continue
		}
		i++
		if i == len(s) {
			return "", fmt.Errorf("dangling backslash")
		}
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		case '\\', ';', ',':
			b.WriteByte(s[i])
		default:
			return "", fmt.Errorf("bad escape \\%c", s[i])
		}
	}
	return b.String(), nil
}

func TestCalendarParsesBack(t *testing.T) {
	dir := t.TempDir()
	sessions := filepath.Join(dir, "sessions")
	seals := map[string]string{}
	seal := func(name string, b []byte) error { seals[name] = string(b); return nil }
	ppl, err := people.Parse("people.toml", []byte("[ana]\nname = \"Ana López, Ñandú; the \\\\ one\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 12, 1, 13, 0, 0, 0, time.UTC)
	a, err := New(Options{Sessions: sessions, Scenario: "amber-heron", Date: day, Instigators: []string{"ana"}, Responders: []string{"cy", "dee", "eli"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(Options{Sessions: sessions, Scenario: "amber-heron", WindowStart: day.Add(24 * time.Hour), WindowEnd: day.Add(28 * time.Hour),
		Instigators: []string{"ana"}, Responders: []string{"cy", "dee", strings.Repeat("x", 90)}, Seal: seal})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)
	if _, err := WriteFeed(sessions, ppl, false, now); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(sessions, FeedFile))
	if err != nil {
		t.Fatal(err)
	}
	cal, err := parseICS(src)
	if err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, src)
	}
	if v := cal.props["VERSION"]; len(v) != 1 || v[0] != "2.0" {
		t.Errorf("VERSION = %v", v)
	}
	if len(cal.props["PRODID"]) != 1 {
		t.Errorf("no PRODID")
	}
	if len(cal.subs) != 2 {
		t.Fatalf("%d events, want 2", len(cal.subs))
	}
	want := map[string]string{a.Name + "@irp": "20261201T130000Z", b.Name + "@irp": "20261202T130000Z"}
	for _, ev := range cal.subs {
		if ev.name != "VEVENT" {
			t.Fatalf("component %s", ev.name)
		}
		for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} {
			if len(ev.props[p]) != 1 {
				t.Errorf("event %v: %s appears %d times, want once", ev.props["UID"], p, len(ev.props[p]))
			}
		}
		uid := ev.props["UID"][0]
		if ev.props["DTSTART"][0] != want[uid] {
			t.Errorf("%s: DTSTART %s, want %s", uid, ev.props["DTSTART"][0], want[uid])
		}
		for _, p := range []string{"DTSTAMP", "DTSTART", "DTEND"} {
			if !utcStamp.MatchString(ev.props[p][0]) {
				t.Errorf("%s: %s %q is not a UTC date-time", uid, p, ev.props[p][0])
			}
		}
		desc := ev.props["DESCRIPTION"][0]
		if !strings.Contains(desc, "Instigators: Ana López, Ñandú; the \\ one") {
			t.Errorf("%s: description did not round-trip: %q", uid, desc)
		}
		if strings.Contains(desc+ev.props["SUMMARY"][0], "amber-heron") {
			t.Errorf("%s: the calendar names the scenario", uid)
		}
	}
	if len(seals) != 1 || seals["sessions/"+b.Name] == "" {
		t.Errorf("seals = %v", seals)
	}
}

func TestFold(t *testing.T) {
	for _, s := range []string{"", "short", strings.Repeat("a", 75), strings.Repeat("a", 76), strings.Repeat("é", 100), strings.Repeat("ab€", 77)} {
		var b bytes.Buffer
		fold(&b, "X:"+s)
		cal, err := parseICS([]byte("BEGIN:VCALENDAR\r\n" + b.String() + "END:VCALENDAR\r\n"))
		if err != nil {
			t.Fatalf("fold(%d bytes): %v", len(s), err)
		}
		if got := cal.props["X"][0]; got != s {
			t.Errorf("fold round trip: got %q, want %q", got, s)
		}
	}
}
