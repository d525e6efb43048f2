package main

import (
	"github.com/spf13/cobra"

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
	var err error
	if o.Map, err = session.ParseMap(o.Maps); err != nil {
		return err
	}
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	return env.Import(o.IO.Out, o.IO.ErrOut, page, o.ImportOptions, o.LoadKeys(o.Identities), o.Verbose)
}
