// Package chat reads practice-channel exports — a Slack channel export, a
// Mattermost bulk export, a plain-text log — into messages, and proposes
// timeline entries from them: the first message, status reports, announced
// actions and the resolution announcement.
package chat

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Formats of exports, told apart by their content.
const (
	Slack      = "Slack export"
	Mattermost = "Mattermost bulk export"
	Plain      = "plain-text log"
)

// Message is one chat message.
type Message struct {
	At      time.Time // UTC
	User    string    // as the export names the author: a handle or a user id
	Name    string    // the author's handle or display name, when the export has one
	Real    string    // the author's real name, when the export has one
	Text    string
	Channel string // "" when the export does not say
}

// Log is what an export held.
type Log struct {
	Format   string
	Channel  string // the channel the messages are from, "" when unknown
	Messages []Message
	Skipped  int // messages left out: joins and other non-messages
}

// ErrUnknownFormat means the content is none of the formats irp reads.
var ErrUnknownFormat = errors.New("not a Slack export, a Mattermost bulk export (JSONL) or a plain-text log")

// Read reads the export at path: a file, or a Slack channel directory of
// per-day JSON files. channel, when not empty, is the channel wanted: a
// Mattermost export's posts in other channels are left out, and a Slack
// export from a directory of another name is an error. day is the
// session's day, which plain-text logs with times only are on.
func Read(path, channel string, day time.Time) (*Log, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		files, err := filepath.Glob(filepath.Join(path, "*.json"))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no per-day .json files: not a Slack channel export", path)
		}
		sort.Strings(files)
		all := &Log{Format: Slack, Channel: filepath.Base(filepath.Clean(path))}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			l, err := ParseSlack(b)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			all.Messages = append(all.Messages, l.Messages...)
			all.Skipped += l.Skipped
		}
		return all, all.checkChannel(path, channel)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	l, err := Parse(b, channel, day)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if l.Format == Slack {
		l.Channel = filepath.Base(filepath.Dir(filepath.Clean(path)))
	}
	return l, l.checkChannel(path, channel)
}

func (l *Log) checkChannel(path, want string) error {
	if want == "" || l.Channel == "" || l.Format != Slack {
		return nil
	}
	if !strings.EqualFold(strings.TrimPrefix(l.Channel, "#"), strings.TrimPrefix(want, "#")) {
		return fmt.Errorf("%s: a Slack export of channel %s, not %s", path, l.Channel, want)
	}
	return nil
}

// Parse reads one export file, telling its format by its content.
func Parse(b []byte, channel string, day time.Time) (*Log, error) {
	t := bytes.TrimLeft(b, " \t\r\n\ufeff")
	switch {
	case len(t) == 0:
		return nil, fmt.Errorf("empty: %w", ErrUnknownFormat)
	case t[0] == '[' && json.Valid(t):
		return ParseSlack(t)
	case t[0] == '{':
		return ParseMattermost(t, channel)
	}
	return ParsePlain(b, day)
}

type slackMsg struct {
	Type        string `json:"type"`
	Subtype     string `json:"subtype"`
	TS          string `json:"ts"`
	User        string `json:"user"`
	Text        string `json:"text"`
	UserProfile *struct {
		Name        string `json:"name"`
		RealName    string `json:"real_name"`
		DisplayName string `json:"display_name"`
	} `json:"user_profile"`
}

// ParseSlack reads one day of a Slack channel export: a JSON array of
// messages with ts (epoch seconds as a string), user, user_profile and
// text. Joins, topic changes and other subtypes are skipped.
func ParseSlack(b []byte) (*Log, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("not a Slack export: %v", err)
	}
	l := &Log{Format: Slack}
	names, real := map[string]string{}, map[string]string{}
	var msgs []slackMsg
	for i, r := range raw {
		var m slackMsg
		if err := json.Unmarshal(r, &m); err != nil {
			return nil, fmt.Errorf("not a Slack export: message %d: %v", i+1, err)
		}
		if m.TS == "" {
			return nil, fmt.Errorf("not a Slack export: message %d has no ts", i+1)
		}
		if m.UserProfile != nil && m.User != "" {
			names[m.User] = firstNonEmpty(m.UserProfile.Name, m.UserProfile.DisplayName, m.UserProfile.RealName)
			real[m.User] = m.UserProfile.RealName
		}
		msgs = append(msgs, m)
	}
	for _, m := range msgs {
		if (m.Type != "" && m.Type != "message") || (m.Subtype != "" && m.Subtype != "thread_broadcast" && m.Subtype != "me_message") || m.User == "" {
			l.Skipped++
			continue
		}
		at, err := slackTime(m.TS)
		if err != nil {
			return nil, err
		}
		l.Messages = append(l.Messages, Message{At: at, User: m.User, Name: names[m.User], Real: real[m.User], Text: slackText(m.Text, names)})
	}
	return l, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func slackTime(ts string) (time.Time, error) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || s < 0 || s > 1<<40 {
		return time.Time{}, fmt.Errorf("not a Slack export: ts %q is not epoch seconds", ts)
	}
	var ns int64
	if frac != "" {
		f := (frac + "000000000")[:9]
		if ns, err = strconv.ParseInt(f, 10, 64); err != nil || ns < 0 {
			return time.Time{}, fmt.Errorf("not a Slack export: ts %q is not epoch seconds", ts)
		}
	}
	return time.Unix(s, ns).UTC(), nil
}

var slackLink = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<([^<>|]*)(?:\|([^<>]*))?>`) })

// slackText turns Slack's markup into plain text: <@U123> mentions into
// @name, <url|label> into label, entities back into characters.
func slackText(s string, names map[string]string) string {
	s = slackLink().ReplaceAllStringFunc(s, func(m string) string {
		sub := slackLink().FindStringSubmatch(m)
		target, label := sub[1], sub[2]
		switch {
		case strings.HasPrefix(target, "@"):
			if n := names[target[1:]]; n != "" {
				return "@" + n
			}
			if label != "" {
				return "@" + label
			}
			return target
		case strings.HasPrefix(target, "#"), strings.HasPrefix(target, "!"):
			if label != "" {
				return label
			}
			return target
		case label != "":
			return label
		}
		return target
	})
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

type mmLine struct {
	Type string `json:"type"`
	Post *struct {
		Team     string `json:"team"`
		Channel  string `json:"channel"`
		User     string `json:"user"`
		Message  string `json:"message"`
		CreateAt int64  `json:"create_at"`
		Replies  []struct {
			User     string `json:"user"`
			Message  string `json:"message"`
			CreateAt int64  `json:"create_at"`
		} `json:"replies"`
	} `json:"post"`
}

// ParseMattermost reads a Mattermost bulk export (JSONL): posts and their
// replies, with channel, user, message and create_at (epoch ms). With
// channel set, posts in other channels are left out; without it, the
// export must hold one channel's posts.
func ParseMattermost(b []byte, channel string) (*Log, error) {
	l := &Log{Format: Mattermost}
	channels := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	sawType := false
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var m mmLine
		if err := json.Unmarshal(line, &m); err != nil {
			return nil, fmt.Errorf("line %d: not a Mattermost bulk export line: %v", n, err)
		}
		if m.Type == "" {
			return nil, fmt.Errorf("line %d: not a Mattermost bulk export line (no \"type\")", n)
		}
		sawType = true
		if m.Type != "post" && m.Type != "direct_post" {
			continue
		}
		if m.Post == nil || m.Post.CreateAt <= 0 {
			return nil, fmt.Errorf("line %d: a post without post.create_at", n)
		}
		if channel != "" && !strings.EqualFold(m.Post.Channel, strings.TrimPrefix(channel, "~")) {
			l.Skipped++
			continue
		}
		channels[m.Post.Channel]++
		l.Messages = append(l.Messages, Message{At: msTime(m.Post.CreateAt), User: m.Post.User, Text: m.Post.Message, Channel: m.Post.Channel})
		for _, r := range m.Post.Replies {
			if r.CreateAt > 0 {
				l.Messages = append(l.Messages, Message{At: msTime(r.CreateAt), User: r.User, Text: r.Message, Channel: m.Post.Channel})
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !sawType {
		return nil, ErrUnknownFormat
	}
	if channel == "" && len(channels) > 1 {
		var names []string
		for c := range channels {
			names = append(names, c)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("posts from %d channels (%s): pick the practice channel with --channel", len(names), strings.Join(names, ", "))
	}
	for c := range channels {
		l.Channel = c
	}
	if channel != "" && len(l.Messages) == 0 {
		return nil, fmt.Errorf("no post in channel %s", channel)
	}
	sort.SliceStable(l.Messages, func(i, j int) bool { return l.Messages[i].At.Before(l.Messages[j].At) })
	return l, nil
}

func msTime(ms int64) time.Time {
	ms = min(ms, 1<<50)
	return time.UnixMilli(ms).UTC()
}

var (
	plainFull = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\[(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\]\s+<\s*[@+%&~]?([^<>\s]+)\s*>\s?(.*)$`)
	})
	plainIrssi = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\[?(\d{2}:\d{2}(?::\d{2})?)\]?\s+<\s*[@+%&~ ]?([^<>\s]+)\s*>\s?(.*)$`)
	})
)

// ParsePlain reads a plain-text log: "[2026-12-10 14:03:07] <ana> text"
// lines, or irssi's "14:03 < ana> text" with the date from day. Other
// lines (joins, "--- Day changed") are skipped; a line that is neither
// continues the message above it.
func ParsePlain(b []byte, day time.Time) (*Log, error) {
	l := &Log{Format: Plain}
	lines := 0
	for _, raw := range strings.Split(string(b), "\n") {
		line := strings.TrimRight(raw, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		lines++
		if m := plainFull().FindStringSubmatch(line); m != nil {
			at, err := plainTime(m[1], m[2])
			if err != nil {
				return nil, err
			}
			l.Messages = append(l.Messages, Message{At: at, User: m[3], Text: m[4]})
			continue
		}
		if m := plainIrssi().FindStringSubmatch(line); m != nil {
			if day.IsZero() {
				return nil, errors.New("a log with times but no dates needs the session's day")
			}
			at, err := plainTime(day.Format(time.DateOnly), m[1])
			if err != nil {
				return nil, err
			}
			l.Messages = append(l.Messages, Message{At: at, User: m[2], Text: m[3]})
			continue
		}
		if n := len(l.Messages); n > 0 && (strings.HasPrefix(raw, " ") || strings.HasPrefix(raw, "\t")) {
			l.Messages[n-1].Text += "\n" + strings.TrimSpace(line)
			continue
		}
		l.Skipped++
	}
	if len(l.Messages) == 0 {
		return nil, ErrUnknownFormat
	}
	return l, nil
}

func plainTime(date, clock string) (time.Time, error) {
	layout := "2006-01-02 15:04"
	if strings.Count(clock, ":") == 2 {
		layout += ":05"
	}
	t, err := time.Parse(layout, date+" "+clock)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %s is not a date and time", date, clock)
	}
	return t.UTC(), nil
}
