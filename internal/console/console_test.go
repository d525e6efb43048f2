package console

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"irp/internal/journal"
	"irp/internal/project"
	"irp/internal/scenario"
	"irp/internal/session"
	"irp/internal/testtree"
)

// fakeClock is a clock the test moves; the console reads it from the
// program's goroutine.
type fakeClock struct{ t atomic.Int64 }

func (c *fakeClock) Now() time.Time  { return time.Unix(0, c.t.Load()).UTC() }
func (c *fakeClock) Set(hhmm string) { c.t.Store(at(hhmm).UnixNano()) }

func at(hhmm string) time.Time {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		panic(err)
	}
	return time.Date(2026, 12, 1, t.Hour(), t.Minute(), 0, 0, time.UTC)
}

const page = `+++
title = "Practice session brisk-plover"
date = 2026-12-01T13:00:00Z
draft = true
status = "planned"
codename = "brisk-plover"
scenario = "amber-heron"
instigators = ["ana", "ben"]
responders = ["cy", "dee", "eli"]
coordinator = "cy"
+++

## Summary

Written.

## Impact

Written.

## Timeline

Written.

## Hints used

Written.

## Lessons

Written.

## Process suggestions

Written.
`

// fixture is a project with amber-heron sealed and a planned session.
type fixture struct {
	dir   string
	ids   []age.Identity
	env   *session.Env
	page  *session.Page
	s     *scenario.Scenario
	clock *fakeClock
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	dir := t.TempDir()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"config.toml":      "title = \"x\"\n",
		"vault/recipients": id.Recipient().String() + " # ana\n",
		"key.txt":          id.String() + "\n",
		"content/sessions/2026-12-01-brisk-plover/index.md": page,
	}
	testtree.Write(t, dir, files)
	f := &fixture{dir: dir, ids: []age.Identity{id}, clock: &fakeClock{}}
	f.clock.Set("12:50")
	f.load(t)
	src, err := os.ReadFile("testdata/amber-heron.md")
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenario.Parse("amber-heron.md", src)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.env.Vault.Put(s); err != nil {
		t.Fatal(err)
	}
	f.s = s
	return f
}

func (f *fixture) load(t testing.TB) {
	t.Helper()
	p, err := project.Find(f.dir)
	if err != nil {
		t.Fatal(err)
	}
	if f.env, err = session.Load(p); err != nil {
		t.Fatal(err)
	}
	f.env.Now = f.clock.Now
	if f.page, err = f.env.Read(filepath.Join(f.dir, "content/sessions/2026-12-01-brisk-plover")); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) config() Config {
	return Config{Env: f.env, Page: f.page, Scenario: f.s, IDs: f.ids, By: "ana", Start: at("13:00"), NoColor: true}
}

func (f *fixture) model(t testing.TB) *Model {
	t.Helper()
	m, err := New(f.config())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func waitFor(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), what) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func press(tm *teatest.TestModel, keys string) {
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(keys)})
}

// TestConsolePlaysASession drives a whole session through the console's
// keys on an 80x24 terminal: induced, detected, a hint, a private note, a
// status report when it falls due, diagnosed, mitigated, resolved, then w
// writes the page. The journal and the page hold every step; then the
// other instigator's late mark and publish give the published page with
// both status reports and the coordinator.
func TestConsolePlaysASession(t *testing.T) {
	f := newFixture(t)
	tm := teatest.NewTestModel(t, f.model(t), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "starts in 00:10:00")

	step := func(clock, keys, want string) {
		t.Helper()
		f.clock.Set(clock)
		press(tm, keys)
		waitFor(t, tm, want)
	}
	step("13:04", "i", "induced 13:04")
	step("13:12", "d", "detected 13:12")
	step("13:30", "h", "Rung 1 of 3: Look at the moray dashboard")
	step("13:31", "n", "private note")
	press(tm, "suspect shard two")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "note recorded")
	f.clock.Set("13:40")
	waitFor(t, tm, "STATUS REPORT DUE (00:36:00 since last)")
	step("13:41", "s", "status report posted")
	step("13:42", "?", "this list")
	press(tm, "x")
	step("14:02", "g", "diagnosed 14:02")
	step("14:15", "m", "mitigated 14:15")
	step("14:20", "r", "resolved 14:20")
	step("14:21", "w", "Write start, end")
	step("14:21", "y", "page written")
	press(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	evs, err := journal.Merge(f.env.Vault, f.ids, "2026-12-01-brisk-plover")
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
	}
	if got, want := strings.Join(kinds, " "), "induced detected hint note status-report diagnosed mitigated resolved"; got != want {
		t.Errorf("journal holds %s, want %s", got, want)
	}
	b, err := os.ReadFile(filepath.Join(f.dir, "content/sessions/2026-12-01-brisk-plover/index.md"))
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{
		"start = 2026-12-01T13:04:00Z\n", "end = 2026-12-01T14:20:00Z\n", `status = "run"`,
		"at = 2026-12-01T13:41:00Z\nevent = \"status report\"",
		"[[hints]]\nrung = 1\nat = 2026-12-01T13:30:00Z",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "[[timeline]]"); n != 6 {
		t.Errorf("%d timeline entries, want 6", n)
	}
	if strings.Contains(got, "shard two") {
		t.Error("the private note reached the page")
	}
	notes, err := f.env.Vault.OpenBytes(session.NotesName("2026-12-01-brisk-plover"), f.ids)
	if err != nil || !strings.Contains(string(notes), "13:31:00 ana: suspect shard two") {
		t.Errorf("sealed notes: %q, %v", notes, err)
	}
	if _, err := os.Stat(filepath.Join(f.dir, "vault/ledger.jsonl")); err != nil {
		t.Errorf("responders not recorded: %v", err)
	}

	// The other instigator records a status report afterwards, as
	// irp session mark --at does; publish merges both journals.
	f.clock.Set("16:00")
	f.load(t)
	if _, err := f.env.Mark(f.page, f.env.Journal(f.page, f.ids, "ben"), journal.Event{Kind: journal.StatusReport, At: at("14:11")}); err != nil {
		t.Fatal(err)
	}
	res, probs, err := f.env.Publish(f.page, f.ids)
	if err != nil || len(probs) > 0 {
		t.Fatalf("publish: %v %v", probs, err)
	}
	if res.Synced != 8 || len(res.Warn) != 0 {
		t.Errorf("publish merged %d entries, warned %v", res.Synced, res.Warn)
	}
	b, err = os.ReadFile(filepath.Join(f.dir, "content/sessions/2026-12-01-brisk-plover/index.md"))
	if err != nil {
		t.Fatal(err)
	}
	got = string(b)
	if n := strings.Count(got, `event = "status report"`); n != 2 || !strings.Contains(got, `status = "published"`) {
		t.Errorf("published page has %d status reports:\n%s", n, got)
	}
	if team, err := os.ReadFile(filepath.Join(f.dir, "content/sessions/2026-12-01-brisk-plover/team.json")); err != nil || !strings.Contains(string(team), `"coordinator": "C"`) {
		t.Errorf("team.json: %s %v", team, err)
	}
}

// TestConsoleFitsAndUndoes: at 80x24, colour or not, every line fits and
// the screen has 24 lines; u takes back the last mark; a asks first.
func TestConsoleFitsAndUndoes(t *testing.T) {
	f := newFixture(t)
	// Render as on a colour terminal, so that NO_COLOR has colour to leave out.
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	colour := regexp.MustCompile(`\x1b\[[0-9;]*[34]8;`)
	for _, noColor := range []bool{true, false} {
		cfg := f.config()
		cfg.NoColor = noColor
		m, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		for _, k := range []string{"i", "d", "?", "x", "h", "n"} {
			f.clock.Set("13:10")
			m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
			view := m.View()
			lines := strings.Split(view, "\n")
			if len(lines) != 24 {
				t.Errorf("after %q: %d lines, want 24", k, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > 80 {
					t.Errorf("after %q: line %d cells wide: %q", k, w, ansi.Strip(l))
				}
			}
			if got := colour.MatchString(view); got == noColor {
				t.Errorf("after %q: colour codes %v with NO_COLOR %v", k, got, noColor)
			}
		}
		m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	}
	m := f.model(t)
	if m.Phase() != During {
		t.Fatalf("resumed in phase %s, want during", m.Phase())
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("u")})
	if n := journal.NextRung(m.events); n != 2 {
		t.Errorf("after u the next rung is %d, want 2 (rung 2 taken back)", n)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a")})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")})
	if m.has(journal.Aborted) {
		t.Error("abort did not ask first")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a")})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})
	if m.Phase() != After || !strings.Contains(m.View(), "[Abort]") {
		t.Errorf("abort: phase %s, view:\n%s", m.Phase(), m.View())
	}
}
