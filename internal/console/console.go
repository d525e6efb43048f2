// Package console is the instigators' full-screen console for a practice
// session (irp session console): the scenario in memory only, a countdown
// to the start, one key per milestone and per hint rung, notes, the
// coordinator's status report cadence, and at the end the summary's times
// written into the page. Every key that records something goes at once
// into the instigator's sealed journal (package journal) before the screen
// changes, so quitting, a crash or kill -9 loses nothing and running the
// console again resumes where it was.
package console

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"filippo.io/age"
	tea "github.com/charmbracelet/bubbletea"

	"irp/internal/journal"
	"irp/internal/scenario"
	"irp/internal/session"
)

// Phases of a session as the console shows it.
const (
	Before = "before" // not induced yet
	During = "during" // induced, not resolved or aborted
	After  = "after"  // resolved or aborted
)

// Config is what the console runs on.
type Config struct {
	Env      *session.Env
	Page     *session.Page
	Scenario *scenario.Scenario // decrypted, in memory only
	IDs      []age.Identity
	By       string    // the instigator at this console
	Start    time.Time // when the incident is due (the sealed surprise start, else the page's date)
	NoColor  bool      // NO_COLOR: no colour, same layout
}

// Model is the console's bubbletea model.
type Model struct {
	cfg     Config
	j       *journal.Journal
	events  []journal.Event // every instigator's, merged, undos applied
	every   time.Duration   // status report cadence
	width   int
	height  int
	section int    // index into scenario.SectionNames shown in the pane
	scroll  int    // first line of the pane
	mode    string // "", "note", "public-note", "abort", "finish", "help"
	input   []rune
	hint    string // the rung just given, for pasting
	flash   string // one line about the last action
	err     error  // the last action's failure, shown until the next key
	done    bool   // the page was written
	styles  styles
}

// New loads every instigator's journal of the session and returns the
// console, resuming where the journals leave off.
func New(cfg Config) (*Model, error) {
	m := &Model{
		cfg:    cfg,
		j:      cfg.Env.Journal(cfg.Page, cfg.IDs, cfg.By),
		every:  cfg.Env.Params.StatusEvery,
		width:  80,
		height: 24,
		styles: newStyles(cfg.NoColor),
	}
	if err := m.reload(); err != nil {
		return nil, err
	}
	m.section = m.defaultSection()
	return m, nil
}

func (m *Model) reload() error {
	evs, err := journal.Merge(m.cfg.Env.Vault, m.cfg.IDs, m.cfg.Page.Name)
	if err != nil {
		return err
	}
	m.events = evs
	return nil
}

func (m *Model) now() time.Time { return m.cfg.Env.Now().UTC() }

// Phase says where the session stands.
func (m *Model) Phase() string {
	if _, ok := m.first(journal.Induced); !ok {
		return Before
	}
	_, resolved := m.first(journal.Resolved)
	_, aborted := m.first(journal.Aborted)
	if resolved || aborted {
		return After
	}
	return During
}

func (m *Model) first(kind string) (journal.Event, bool) { return journal.First(m.events, kind) }

func (m *Model) defaultSection() int {
	name := map[string]string{Before: "Induce", During: "Hints", After: "Revert"}[m.Phase()]
	if _, aborted := m.first(journal.Aborted); aborted {
		name = "Abort"
	}
	return sectionIndex(name)
}

func sectionIndex(name string) int {
	for i, n := range scenario.SectionNames {
		if n == name {
			return i
		}
	}
	return 0
}

type tick time.Time

func every() tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tick(t) })
}

// Init starts the clock.
func (m *Model) Init() tea.Cmd { return every() }

// Update handles a key, a resize or the clock.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case tick:
		return m, every()
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m *Model) key(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	if k.Type == tea.KeyCtrlC {
		return m, tea.Quit
	}
	// Keys typed faster than the screen reads them (or pasted) arrive as
	// one message: outside a note, each is a key of its own.
	if k.Type == tea.KeyRunes && len(k.Runes) > 1 && m.mode != "note" && m.mode != "public-note" {
		var cmd tea.Cmd
		for i, r := range k.Runes {
			if m.mode == "note" || m.mode == "public-note" {
				m.input = append(m.input, k.Runes[i:]...)
				break
			}
			if _, cmd = m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}); cmd != nil {
				break // q: quit
			}
		}
		return m, cmd
	}
	switch m.mode {
	case "note", "public-note":
		return m.typing(k)
	case "abort":
		m.mode = ""
		if k.String() == "y" {
			m.record(journal.Event{Kind: journal.Aborted}, "aborted: run the Abort steps below")
			m.showSection("Abort")
		} else {
			m.flash = "not aborted"
		}
		return m, nil
	case "finish":
		m.mode = ""
		if k.String() == "y" {
			m.finish()
		} else {
			m.flash = "the page is unchanged"
		}
		return m, nil
	case "help":
		m.mode = ""
		return m, nil
	}
	m.err = nil
	phase := m.Phase()
	switch s := k.String(); s {
	case "q":
		return m, tea.Quit
	case "?":
		m.mode = "help"
	case "tab", "right", "l":
		m.showSection(scenario.SectionNames[(m.section+1)%len(scenario.SectionNames)])
	case "shift+tab", "left":
		m.showSection(scenario.SectionNames[(m.section+len(scenario.SectionNames)-1)%len(scenario.SectionNames)])
	case "down", "j":
		m.scroll++
	case "up", "k":
		m.scroll = max(0, m.scroll-1)
	case "pgdown", " ":
		m.scroll += m.paneHeight()
	case "pgup":
		m.scroll = max(0, m.scroll-m.paneHeight())
	case "i":
		if phase != Before {
			m.flash = "already induced"
			break
		}
		if m.record(journal.Event{Kind: journal.Induced}, "induced: the incident has started") {
			m.showSection("Verify")
		}
	case "d", "g", "m", "r":
		kind := map[string]string{"d": journal.Detected, "g": journal.Diagnosed, "m": journal.Mitigated, "r": journal.Resolved}[s]
		switch {
		case phase != During:
			m.flash = "the incident is not running: " + kind + " not recorded"
		case m.has(kind):
			m.flash = kind + " is already recorded (u takes back your last mark)"
		default:
			if m.record(journal.Event{Kind: kind}, kind) && kind == journal.Resolved {
				m.showSection("Revert")
				m.flash = "resolved: run the Revert steps, then w writes the page"
			}
		}
	case "h":
		if phase == Before {
			m.flash = "no hints before the incident starts"
			break
		}
		m.giveHint()
	case "s":
		if phase != During {
			m.flash = "status reports are for a running incident"
			break
		}
		m.record(journal.Event{Kind: journal.StatusReport}, "status report posted")
	case "n":
		m.mode, m.input = "note", nil
	case "N":
		m.mode, m.input = "public-note", nil
	case "a":
		if phase != During {
			m.flash = "only a running incident can be aborted"
			break
		}
		m.mode = "abort"
	case "u":
		m.undo()
	case "w":
		if phase != After {
			m.flash = "w writes the page once the incident is resolved or aborted"
			break
		}
		m.mode = "finish"
	}
	return m, nil
}

func (m *Model) typing(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch k.Type {
	case tea.KeyEsc:
		m.mode, m.input = "", nil
		m.flash = "note dropped"
	case tea.KeyEnter:
		text := strings.TrimSpace(string(m.input))
		private := m.mode == "note"
		m.mode, m.input = "", nil
		if text == "" {
			m.flash = "empty note dropped"
			break
		}
		m.record(journal.Event{Kind: journal.Note, Note: text, Private: private}, "note recorded")
	case tea.KeyBackspace:
		if n := len(m.input); n > 0 {
			m.input = m.input[:n-1]
		}
	case tea.KeySpace:
		m.input = append(m.input, ' ')
	case tea.KeyRunes:
		m.input = append(m.input, k.Runes...)
	}
	return m, nil
}

func (m *Model) has(kind string) bool { _, ok := m.first(kind); return ok }

func (m *Model) showSection(name string) {
	m.section, m.scroll = sectionIndex(name), 0
}

// record appends ev to the journal and only then changes the screen.
func (m *Model) record(ev journal.Event, said string) bool {
	got, err := m.j.Append(ev)
	if err != nil {
		m.err = fmt.Errorf("not recorded: %w", err)
		return false
	}
	if err := m.reload(); err != nil {
		m.err = err
		return false
	}
	m.flash = fmt.Sprintf("%s %s (sealed in your journal)", got.At.Format("15:04:05"), said)
	return true
}

func (m *Model) giveHint() {
	ev, text, err := m.cfg.Env.GiveHint(m.cfg.Page, m.j, m.cfg.Scenario, time.Time{}, "")
	if errors.Is(err, session.ErrLadderDone) {
		m.flash = "every rung of the ladder has been given"
		return
	}
	if err != nil {
		m.err = fmt.Errorf("not recorded: %w", err)
		return
	}
	if err := m.reload(); err != nil {
		m.err = err
		return
	}
	m.hint = fmt.Sprintf("Rung %d of %d: %s", ev.Rung, len(m.cfg.Scenario.Hints), text)
	m.flash = fmt.Sprintf("%s rung %d given (sealed in your journal): paste it into the channel", ev.At.Format("15:04:05"), ev.Rung)
}

// undo takes back this instigator's latest event still in force.
func (m *Model) undo() {
	own, err := m.j.Events()
	if errors.Is(err, journal.ErrNoJournal) {
		m.flash = "nothing of yours to take back"
		return
	}
	if err != nil {
		m.err = err
		return
	}
	eff := journal.Effective(own)
	if len(eff) == 0 {
		m.flash = "nothing of yours to take back"
		return
	}
	last := eff[len(eff)-1]
	what := last.Kind
	if last.Kind == journal.Hint {
		what = fmt.Sprintf("rung %d", last.Rung)
		m.hint = ""
	}
	m.record(journal.Event{Kind: journal.Undo, Undoes: last.Seq}, "took back "+what+" of "+last.At.Format("15:04:05"))
}

func (m *Model) finish() {
	page, err := m.cfg.Env.Read(m.cfg.Page.Dir)
	if err != nil {
		m.err = err
		return
	}
	res, err := m.cfg.Env.Finish(page, m.cfg.IDs)
	if err != nil {
		m.err = fmt.Errorf("the page is unchanged: %w", err)
		return
	}
	m.cfg.Page, m.done = page, true
	p := res.Played
	m.flash = fmt.Sprintf("wrote start, end, %d timeline entries and %d hint rungs into the page", len(p.Timeline), len(p.Hints))
	if len(p.Private) > 0 {
		m.flash += "; private notes sealed"
	}
	if len(res.Seen) > 0 {
		m.flash += "; responders recorded as having seen the scenario"
	}
}

// statusDue returns how long since the last status report (or the start)
// and whether one is due.
func (m *Model) statusDue() (since time.Duration, due bool) {
	from, ok := m.first(journal.Induced)
	if !ok || m.every <= 0 {
		return 0, false
	}
	last := from.At
	if r, ok := journal.Last(m.events, journal.StatusReport); ok {
		last = r.At
	}
	since = m.now().Sub(last)
	return since, since >= m.every
}

// Run shows the console on a terminal (in, out) until the instigator
// quits.
func Run(cfg Config, in io.Reader, out io.Writer) error {
	m, err := New(cfg)
	if err != nil {
		return err
	}
	_, err = tea.NewProgram(m, tea.WithAltScreen(), tea.WithInput(in), tea.WithOutput(out)).Run()
	return err
}
