package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/session"
)

func init() { addCommand("session", newSessionImportChatCmd) }

func newSessionImportChatCmd() *cobra.Command {
	var idFiles, maps []string
	var o session.ImportOptions
	var verbose bool
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
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Files = args[1:]
			o.Map = map[string]string{}
			for _, m := range maps {
				k, v, ok := strings.Cut(m, "=")
				if !ok || strings.TrimSpace(k) == "" || strings.TrimSpace(v) == "" {
					return problem.Usagef("--map %q: want chat-handle=name", m)
				}
				o.Map[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
			env, err := sessionEnv()
			if err != nil {
				return wrapf(err, "session import-chat")
			}
			page, err := env.Read(args[0])
			if err != nil {
				return wrapf(err, "session import-chat")
			}
			keys, kerr := loadKeys(idFiles)
			if kerr != nil && len(idFiles) > 0 {
				return wrapf(kerr, "session import-chat")
			}
			res, err := env.ImportChat(page, o, keys.ids)
			if err != nil {
				return wrapf(err, "session import-chat")
			}
			out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
			if res.LeakSkipped {
				fmt.Fprintf(errOut, "irp: leak check skipped: no identity opens the vault (pass -i to check the proposals for sealed text)\n")
			}
			if len(res.Unmapped) > 0 {
				fmt.Fprintf(errOut, "not in the session: %s (add --map chat-handle=name)\n", strings.Join(res.Unmapped, ", "))
			}
			if verbose {
				fmt.Fprintf(errOut, "read %d message(s) on the session's day; left out %d on other days and %d that are not messages\n", res.Messages, res.OtherDays, res.Skipped)
			}
			fmt.Fprintf(out, "proposed %d timeline entries in %s\n", len(res.Proposals), env.Project.Rel(res.Draft))
			if o.Accept {
				fmt.Fprintf(out, "added %d to %s\n", res.Accepted, page.Rel)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Channel, "channel", "", "the practice channel (Mattermost: pick its posts; Slack: the export's directory must be it)")
	f.StringArrayVar(&maps, "map", nil, "chat-handle=name: whose messages are whose (repeatable)")
	f.BoolVar(&o.Accept, "accept", false, "also add the proposals to the page's [[timeline]]")
	f.BoolVarP(&verbose, "verbose", "v", false, "count the messages read and left out")
	identityFlag(cmd, &idFiles)
	return cmd
}
