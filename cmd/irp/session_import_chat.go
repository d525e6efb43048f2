package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/session"
)

type sessionImportChatOptions struct {
	*Factory
	session.ImportOptions
	Dir        string
	Maps       []string
	Verbose    bool
	Identities []string
}

func newSessionImportChatCmd(f *Factory, runF func(*sessionImportChatOptions) error) *cobra.Command {
	o := &sessionImportChatOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "import-chat DIR FILE... [--channel NAME] [--map handle=name] [--accept]",
		Short: "Draft timeline entries from the practice channel's export",
		Long: `Read the practice channel's export and propose timeline entries: the first
message, status reports (from the coordinator, or messages shaped like
one), announced actions ("restarting…", "I'm going to…", a command in a
code block) and the resolution announcement. Times are UTC; authors are
mapped to the session's people by handle, by their name in
vault/people.toml, or with --map chat-handle=name.

Formats, told apart by content:
  Slack export        a channel directory of per-day JSON files, or one of them
  Mattermost export   bulk export JSONL ("type":"post" lines); --channel picks one
  plain-text log      [2026-12-10 14:03:07] <ana> text, or irssi's 14:03 < ana> text
                      (times only: on the session's day)

The proposals go to timeline.draft.toml next to the page, never published,
for you to edit into the page; --accept also adds them to the page's
[[timeline]] (source = "chat"; running it again adds nothing twice). Chat
text is never published by itself, and with an identity that opens the
vault the proposals go through the leak check: one that quotes a sealed
scenario stops the import, nothing written. An unknown format, a Slack
export of another channel or no message on the session's day is one line,
exit 1, nothing written; messages on other days are left out (-v counts
them).`,
		Example: `  irp session import-chat 2026-12-01-brisk-plover export/incident-practice/
  irp session import-chat 2026-12-01-brisk-plover mattermost.jsonl --channel incident-practice --map U02AB=cy
  irp session import-chat 2026-12-01-brisk-plover irc.log --accept`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Dir, o.Files = args[0], args[1:]
			return runOr(runF, runSessionImportChat, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Channel, "channel", "", "the practice channel (Mattermost: pick its posts; Slack: the export's directory must be it)")
	fl.StringArrayVar(&o.Maps, "map", nil, "chat-handle=name: whose messages are whose (repeatable)")
	fl.BoolVar(&o.Accept, "accept", false, "also add the proposals to the page's [[timeline]]")
	fl.BoolVarP(&o.Verbose, "verbose", "v", false, "count the messages read and left out")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runSessionImportChat(o *sessionImportChatOptions) error {
	o.Map = map[string]string{}
	for _, m := range o.Maps {
		k, v, ok := strings.Cut(m, "=")
		if !ok || strings.TrimSpace(k) == "" || strings.TrimSpace(v) == "" {
			return problem.Usagef("--map %q: want chat-handle=name", m)
		}
		o.Map[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	keys, kerr := o.Keys(o.Identities)
	if kerr != nil && len(o.Identities) > 0 {
		return kerr
	}
	res, err := env.ImportChat(page, o.ImportOptions, keys.ids)
	if err != nil {
		return err
	}
	out, errOut := o.IO.Out, o.IO.ErrOut
	if res.LeakSkipped {
		fmt.Fprintf(errOut, "irp: leak check skipped: no identity opens the vault (pass -i to check the proposals for sealed text)\n")
	}
	if len(res.Unmapped) > 0 {
		fmt.Fprintf(errOut, "not in the session: %s (add --map chat-handle=name)\n", strings.Join(res.Unmapped, ", "))
	}
	if o.Verbose {
		fmt.Fprintf(errOut, "read %d message(s) on the session's day; left out %d on other days and %d that are not messages\n", res.Messages, res.OtherDays, res.Skipped)
	}
	fmt.Fprintf(out, "proposed %d timeline entries in %s\n", len(res.Proposals), env.Project.Rel(res.Draft))
	if o.Accept {
		fmt.Fprintf(out, "added %d to %s\n", res.Accepted, page.Rel)
	}
	return nil
}
