package chat

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// Kinds of proposed timeline entries.
const (
	FirstMessage = "first message"
	StatusReport = "status report"
	Action       = "action"
	Resolution   = "resolution"
)

// Proposal is a proposed timeline entry: when, what, and a short note
// naming who said it.
type Proposal struct {
	At    time.Time
	Event string
	Who   string // the session's name for the author, else the chat's
	Note  string
}

// Team is how chat authors become the session's people.
type Team struct {
	// Names are the session's handles (instigators and responders).
	Names []string
	// Map takes a chat user (handle, user id or display name) to a
	// handle, from --map handle=name and people.toml names.
	Map map[string]string
	// Coordinator is the session's investigation coordinator, if any.
	Coordinator string
}

// Who returns the session's handle for a message's author, and whether it
// was found.
func (t Team) Who(m Message) (string, bool) {
	for _, key := range []string{m.User, m.Name, m.Real} {
		if key == "" {
			continue
		}
		if h, ok := t.Map[key]; ok {
			return h, true
		}
		for _, n := range t.Names {
			if strings.EqualFold(n, key) {
				return n, true
			}
		}
		for k, h := range t.Map {
			if strings.EqualFold(k, key) {
				return h, true
			}
		}
	}
	return firstNonEmpty(m.Name, m.User), false
}

var (
	actionRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(i'?m going to|i am going to|going to (restart|reboot|disable|enable|fail ?over|roll ?back|kill|run|stop|start)|about to|restarting|rebooting|disabling|enabling|failing over|rolling back|killing|bouncing|i'?ll (restart|reboot|run|disable|enable|kill|stop|start|fail ?over|roll ?back))\b`)
	})
	resolvedRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(resolved|all clear|back to normal|service (is )?(fully )?restored|(errors?|error rate|uploads|writes|requests) (are|is) back|recovered)\b`)
	})
	statusWords = []string{"status", "symptom", "confirmed", "we've seen", "we have seen", "observed", "looking at", "is looking", "is checking", "open question", "not looking", "nobody is looking", "data so far", "question"}
)

// isStatus reports whether a message reads like an investigation
// coordinator's status report (RFD 124): it says so, or it is long and
// names several of what a report holds.
func isStatus(text string, fromCoordinator bool) bool {
	low := strings.ToLower(text)
	if strings.HasPrefix(strings.TrimSpace(low), "status") || strings.Contains(low, "status report") || strings.Contains(low, "status update") {
		return true
	}
	n := 0
	for _, w := range statusWords {
		if strings.Contains(low, w) {
			n++
		}
	}
	words := len(strings.Fields(text))
	return (fromCoordinator && words >= 25 && n >= 1) || (words >= 25 && n >= 3)
}

func isAction(text string) bool {
	return strings.Contains(text, "```") || actionRE().MatchString(text) || strings.HasPrefix(strings.TrimSpace(text), "$ ")
}

// Propose reads messages (in any order) and proposes timeline entries in
// time order: the first message, status reports, announced actions and
// resolution announcements.
func Propose(msgs []Message, team Team) []Proposal {
	msgs = append([]Message(nil), msgs...)
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].At.Before(msgs[j].At) })
	var out []Proposal
	for i, m := range msgs {
		who, _ := team.Who(m)
		p := Proposal{At: m.At.UTC().Truncate(time.Second), Who: who, Note: who + ": " + excerpt(m.Text, 14)}
		switch {
		case i == 0:
			p.Event = FirstMessage
		case isStatus(m.Text, team.Coordinator != "" && who == team.Coordinator):
			p.Event = StatusReport
		case resolvedRE().MatchString(m.Text):
			p.Event = Resolution
		case isAction(m.Text):
			p.Event = Action
		default:
			continue
		}
		out = append(out, p)
	}
	return out
}

var codeBlock = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("(?s)```+\\s*(.*?)```+") })

// excerpt is the first n words of a message on one line; a code block
// becomes its first line in backquotes.
func excerpt(text string, n int) string {
	text = codeBlock().ReplaceAllStringFunc(text, func(m string) string {
		body := strings.TrimSpace(codeBlock().FindStringSubmatch(m)[1])
		first, _, _ := strings.Cut(body, "\n")
		first = strings.ReplaceAll(strings.TrimSpace(first), "`", "")
		if first == "" {
			return ""
		}
		return " `" + first + "` "
	})
	words := strings.Fields(text)
	if len(words) > n {
		words = append(words[:n], "…")
	}
	out := strings.Join(words, " ")
	if strings.Count(out, "`")%2 == 1 {
		out += "`"
	}
	return out
}
