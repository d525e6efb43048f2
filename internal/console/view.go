package console

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"irp/internal/journal"
	"irp/internal/scenario"
)

type styles struct {
	bar, dim, done, due, hint, err, tab lipgloss.Style
}

// newStyles returns the console's styles; without colour only bold and
// reverse video tell things apart, so the layout is the same either way.
func newStyles(noColor bool) styles {
	s := styles{
		bar:  lipgloss.NewStyle().Bold(true).Reverse(true),
		dim:  lipgloss.NewStyle(),
		done: lipgloss.NewStyle().Bold(true),
		due:  lipgloss.NewStyle().Bold(true).Reverse(true),
		hint: lipgloss.NewStyle().Bold(true),
		err:  lipgloss.NewStyle().Bold(true),
		tab:  lipgloss.NewStyle().Bold(true).Reverse(true),
	}
	if noColor {
		return s
	}
	s.bar = s.bar.Reverse(false).Foreground(lipgloss.Color("15")).Background(lipgloss.Color("24"))
	s.dim = s.dim.Foreground(lipgloss.Color("245"))
	s.done = s.done.Foreground(lipgloss.Color("2"))
	s.due = s.due.Reverse(false).Foreground(lipgloss.Color("0")).Background(lipgloss.Color("214"))
	s.hint = s.hint.Foreground(lipgloss.Color("12"))
	s.err = s.err.Foreground(lipgloss.Color("9"))
	return s
}

func clock(d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}
	d = d.Truncate(time.Second)
	s := fmt.Sprintf("%02d:%02d:%02d", int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60)
	if neg {
		return "-" + s
	}
	return s
}

// View draws the console within the terminal's size.
func (m *Model) View() string {
	w := max(m.width, 20)
	var top []string
	top = append(top, m.styles.bar.Render(fit(m.titleLine(), w)))
	top = append(top, m.milestoneLine(w))
	top = append(top, m.statusLine(w))
	top = append(top, m.tabLine(w))

	var bottom []string
	if m.hint != "" && m.mode != "help" {
		for _, l := range wrapAll(m.hint, w) {
			bottom = append(bottom, m.styles.hint.Render(l))
		}
	}
	switch {
	case m.err != nil:
		bottom = append(bottom, m.styles.err.Render(fit("! "+m.err.Error(), w)))
	case m.mode == "note" || m.mode == "public-note":
		kind := "private note (sealed, never published)"
		if m.mode == "public-note" {
			kind = "public note (goes on the timeline)"
		}
		bottom = append(bottom, fit(kind+" — Enter saves, Esc drops:", w), fitLeft("> "+string(m.input)+"_", w))
	case m.mode == "abort":
		bottom = append(bottom, m.styles.due.Render(fit("Abort the incident? y records it and shows the Abort steps; any other key goes back", w)))
	case m.mode == "finish":
		bottom = append(bottom, m.styles.due.Render(fit("Write start, end, timeline and hints into the page, seal private notes? y / any key", w)))
	case m.flash != "":
		bottom = append(bottom, fit(m.flash, w))
	}
	bottom = append(bottom, m.styles.dim.Render(fit(m.keyLine(), w)))

	paneH := max(m.height-len(top)-len(bottom), 1)
	var pane []string
	if m.mode == "help" {
		pane = wrapAll(helpText, w)
	} else {
		pane = m.sectionLines(w)
	}
	m.scroll = min(m.scroll, max(len(pane)-paneH, 0))
	pane = pane[m.scroll:]
	if len(pane) > paneH {
		pane = pane[:paneH]
	}
	for len(pane) < paneH {
		pane = append(pane, "")
	}
	return strings.Join(append(append(top, pane...), bottom...), "\n")
}

func (m *Model) paneHeight() int { return max(m.height-8, 1) }

func (m *Model) titleLine() string {
	p := m.cfg.Page
	name := p.Codename
	if name == "" {
		name = p.Name
	}
	left := fmt.Sprintf(" irp console · %s · %s", name, m.cfg.By)
	var right string
	now := m.now()
	switch m.Phase() {
	case Before:
		if m.cfg.Start.IsZero() {
			right = "not started"
		} else if d := m.cfg.Start.Sub(now); d > 0 {
			right = fmt.Sprintf("starts in %s (%s UTC)", clock(d), m.cfg.Start.Format("15:04"))
		} else {
			right = fmt.Sprintf("due %s ago: i when induced", clock(-d))
		}
	case During:
		start, _ := m.first(journal.Induced)
		right = "elapsed " + clock(now.Sub(start.At))
	case After:
		start, _ := m.first(journal.Induced)
		end, ok := m.first(journal.Resolved)
		if ab, aborted := m.first(journal.Aborted); aborted && (!ok || ab.At.Before(end.At)) {
			end = ab
		}
		right = fmt.Sprintf("%s after %s", end.Kind, clock(end.At.Sub(start.At)))
		if m.done {
			right += " · page written"
		}
	}
	return left + " · " + right + " "
}

func (m *Model) milestoneLine(w int) string {
	var parts []string
	for _, k := range journal.Milestones {
		e, ok := m.first(k)
		if ab, aborted := m.first(journal.Aborted); k == journal.Resolved && !ok && aborted {
			parts = append(parts, m.styles.due.Render("aborted "+ab.At.Format("15:04")))
			continue
		}
		if ok {
			parts = append(parts, m.styles.done.Render(k+" "+e.At.Format("15:04")))
		} else {
			parts = append(parts, m.styles.dim.Render(k+" --"))
		}
	}
	return fit(strings.Join(parts, "  "), w)
}

func (m *Model) statusLine(w int) string {
	given := journal.NextRung(m.events) - 1
	s := fmt.Sprintf("hints %d/%d", given, len(m.cfg.Scenario.Hints))
	coord := m.cfg.Page.Coordinator
	if coord == "" {
		coord = "no coordinator named"
	} else {
		coord = "coordinator " + coord
	}
	if m.Phase() != During {
		return fit(s+" · "+coord, w)
	}
	since, due := m.statusDue()
	reports := 0
	for _, e := range m.events {
		if e.Kind == journal.StatusReport {
			reports++
		}
	}
	line := fmt.Sprintf("%s · %s · reports %d", s, coord, reports)
	if due {
		return fit(line+" · "+m.styles.due.Render(fmt.Sprintf("STATUS REPORT DUE (%s since last)", clock(since))), w)
	}
	return fit(fmt.Sprintf("%s · next report in %s", line, clock(m.every-since)), w)
}

func (m *Model) tabLine(w int) string {
	var parts []string
	for i, n := range scenario.SectionNames {
		if i == m.section {
			parts = append(parts, m.styles.tab.Render("["+n+"]"))
		} else {
			parts = append(parts, " "+n+" ")
		}
	}
	return fit(strings.Join(parts, ""), w)
}

func (m *Model) sectionLines(w int) []string {
	name := scenario.SectionNames[m.section]
	body, ok := m.cfg.Scenario.Section(name)
	if !ok || strings.TrimSpace(body) == "" {
		body = "(the scenario has no " + name + " section)"
	}
	if name == "Hints" {
		var b strings.Builder
		given := journal.NextRung(m.events) - 1
		for i, h := range m.cfg.Scenario.Hints {
			mark := "   "
			if i < given {
				mark = "[x]"
			}
			fmt.Fprintf(&b, "%s %d. %s\n", mark, i+1, h)
		}
		body = b.String() + "\nh gives the next rung: it shows below for pasting and is recorded."
	}
	return wrapAll(body, w)
}

func (m *Model) keyLine() string {
	switch m.mode {
	case "help":
		return "any key closes the help"
	}
	switch m.Phase() {
	case Before:
		return "i induced · tab section · n note · ? keys · q quit"
	case During:
		return "d detected g diagnosed m mitigated r resolved · h hint · s report · n note · a abort · ? · q"
	}
	return "w write the page · n note · u undo · tab section · ? keys · q quit"
}

const helpText = `Keys

i        induced: the outage is live (the incident starts)
d        detected: a responder noticed
g        diagnosed: the cause is understood
m        mitigated: the damage stopped growing
r        resolved: service is fully restored (the incident ends)
h        give the next hint rung: shown for pasting into the channel
s        the coordinator posted a status report
n        private note (sealed, may name the cause)
N        public note (goes on the page's timeline)
a        abort: shows the Abort steps (asks first)
u        take back your latest mark
w        after the end: write start, end, timeline and hints into the page
tab      next scenario section (shift+tab: previous)
j k      scroll (pgup/pgdown a page)
?        this list
q        quit: everything is already in your journal; run again to resume

Every key that records something is sealed into your journal at once.`

// fit cuts plain text to w cells.
func fit(s string, w int) string { return ansi.Truncate(s, w, "…") }

// fitLeft keeps the end of s (what is being typed) within w cells.
func fitLeft(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for ansi.StringWidth(string(r)) > w-1 {
		r = r[1:]
	}
	return "…" + string(r)
}

// reflow joins the lines of each Markdown paragraph, so the text wraps at
// the terminal's width rather than where the author broke it; list items,
// headings, indented lines and code blocks keep their own lines.
func reflow(md string) string {
	var out []string
	fenced, joinable := false, false
	for _, l := range strings.Split(md, "\n") {
		t := strings.TrimSpace(l)
		starts := t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") ||
			strings.HasPrefix(t, "|") || listNumber().MatchString(t) || strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "\t")
		switch {
		case strings.HasPrefix(t, "```"):
			fenced = !fenced
			out = append(out, l)
			joinable = false
		case fenced || t == "":
			out = append(out, l)
			joinable = false
		case joinable && !starts:
			out[len(out)-1] += " " + t
		default:
			out = append(out, l)
			joinable = true
		}
	}
	return strings.Join(out, "\n")
}

var listNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+[.)] `) })

func wrapAll(s string, w int) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(reflow(s), "\n"), "\n") {
		out = append(out, strings.Split(ansi.Hardwrap(ansi.Wordwrap(l, w, ""), w, true), "\n")...)
	}
	return out
}
