package session

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"irp/internal/atomicfile"
	"irp/internal/chat"
	"irp/internal/leak"
)

// DraftName is the file next to a session page that holds the timeline
// entries proposed from the chat. The site never publishes it.
const DraftName = "timeline.draft.toml"

// ImportOptions say which chat exports to read and how.
type ImportOptions struct {
	Files   []string
	Channel string            // the practice channel, "" to take what the export holds
	Map     map[string]string // chat handle or name → the session's handle
	Accept  bool              // also add the proposals to the page's [[timeline]]
}

// Imported is what ImportChat did.
type Imported struct {
	Draft       string // the draft's path
	Proposals   []chat.Proposal
	Formats     []string // per file
	Messages    int      // read on the session's day
	Skipped     int      // not messages (joins, other channels' posts, unreadable lines)
	OtherDays   int      // messages outside the session's day, left out
	Unmapped    []string // chat authors who are not the session's people
	Accepted    int      // entries added to the page
	LeakSkipped bool     // no identity opened the vault: the leak check did not run
}

// ImportChat reads chat exports of the session, proposes timeline entries
// (first message, status reports, announced actions, resolution) and
// writes them to timeline.draft.toml next to the page; with Accept, also
// into the page's [[timeline]] (source "chat"). When ids open the vault,
// a proposal that quotes a sealed scenario is an error and nothing is
// written. Any other problem is an error with nothing written too.
func (e *Env) ImportChat(p *Page, o ImportOptions, ids []age.Identity) (*Imported, error) {
	day := p.Day()
	if day.IsZero() {
		return nil, fmt.Errorf("%s: date: the session has no day to read the chat for", p.Rel)
	}
	res := &Imported{Draft: filepath.Join(p.Dir, DraftName)}
	var msgs []chat.Message
	for _, f := range o.Files {
		l, err := chat.Read(f, o.Channel, day)
		if err != nil {
			return nil, err
		}
		res.Formats = append(res.Formats, l.Format)
		res.Skipped += l.Skipped
		for _, m := range l.Messages {
			if sameDay(m.At, day) {
				msgs = append(msgs, m)
			} else {
				res.OtherDays++
			}
		}
	}
	if len(msgs) == 0 {
		return nil, fmt.Errorf("no message on the session's day (%s UTC) in %s (%d on other days)", day.Format(time.DateOnly), strings.Join(o.Files, ", "), res.OtherDays)
	}
	res.Messages = len(msgs)
	team := chat.Team{Names: append(slices.Clone(p.Instigators), p.Responders...), Map: map[string]string{}, Coordinator: p.Coordinator}
	for _, h := range team.Names {
		if person := e.People[h]; person != nil && person.Name != "" {
			team.Map[person.Name] = h
		}
	}
	for k, v := range o.Map {
		team.Map[k] = v
	}
	unmapped := map[string]bool{}
	for _, m := range msgs {
		if who, ok := team.Who(m); !ok && !unmapped[who] {
			unmapped[who] = true
			res.Unmapped = append(res.Unmapped, who)
		}
	}
	res.Proposals = chat.Propose(msgs, team)
	draft := renderDraft(p, o, res)
	if err := e.leakCheckDraft(p, draft, ids, res); err != nil {
		return nil, err
	}
	var page []byte
	if o.Accept {
		var add []Event
		for _, pr := range res.Proposals {
			ev := Event{At: Time{Set: true, T: pr.At, Raw: pr.At.Format(time.RFC3339)}, Event: pr.Event, Note: pr.Note, Source: FromChat}
			if !hasEntry(p.Timeline, ev) {
				add = append(add, ev)
			}
		}
		if len(add) > 0 {
			var err error
			if page, err = AddTimeline(p.Summary, p.Src, add); err != nil {
				return nil, err
			}
		}
		res.Accepted = len(add)
	}
	if err := atomicfile.Write(res.Draft, draft, 0o644); err != nil {
		return nil, err
	}
	if page != nil {
		if err := atomicfile.Write(p.Path, page, 0o644); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func hasEntry(tl []Event, ev Event) bool {
	for _, e := range tl {
		if e.Source == ev.Source && e.Event == ev.Event && e.At.T.Equal(ev.At.T) {
			return true
		}
	}
	return false
}

// ErrDraftLeak means a proposed entry quotes a sealed scenario.
var ErrDraftLeak = errors.New("a proposed entry quotes a sealed scenario")

func (e *Env) leakCheckDraft(p *Page, draft []byte, ids []age.Identity, res *Imported) error {
	if len(ids) == 0 {
		res.LeakSkipped = true
		return nil
	}
	sealed, err := e.Vault.OpenAll(ids)
	if err != nil {
		res.LeakSkipped = true
		return nil
	}
	tmp, err := os.MkdirTemp("", "irp-chat-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	staged := filepath.Join(tmp, DraftName)
	if err := os.WriteFile(staged, draft, 0o600); err != nil {
		return err
	}
	found, err := leak.Check(sealed, []string{tmp})
	if err != nil {
		return err
	}
	for _, f := range found {
		if f.Kind == leak.SealedText {
			return fmt.Errorf("%s:%d: %w %s (section %s); nothing written: leave that message out of the export or edit it", e.Project.Rel(res.Draft), f.Line, ErrDraftLeak, f.Scenario, f.Section)
		}
		return fmt.Errorf("%s:%d: a proposed entry holds a private key; nothing written", e.Project.Rel(res.Draft), f.Line)
	}
	return nil
}

func renderDraft(p *Page, o ImportOptions, res *Imported) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Timeline entries proposed from the practice channel by irp session import-chat\n")
	fmt.Fprintf(&b, "# (%s, %d messages on %s UTC). This file is never published.\n", strings.Join(slices.Compact(slices.Clone(res.Formats)), ", "), res.Messages, p.Day().Format(time.DateOnly))
	fmt.Fprintf(&b, "# Edit the entries you want into %s's [[timeline]] (source = \"chat\" marks them),\n# or run irp session import-chat --accept to add them all.\n", filepath.Base(p.Path))
	for _, pr := range res.Proposals {
		fmt.Fprintf(&b, "\n[[timeline]]\nat = %s\nevent = %s\nnote = %s\nsource = %q\n", pr.At.Format(time.RFC3339), tomlString(pr.Event), tomlString(pr.Note), FromChat)
	}
	return []byte(b.String())
}
