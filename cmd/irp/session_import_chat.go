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
	cmd := verb("import-chat DIR FILE... [--channel NAME] [--map handle=name] [--accept]", "Draft timeline entries from the practice channel's export",
		cobra.MinimumNArgs(2), o, func(args []string) { o.Dir, o.Files = args[0], args[1:] }, runF, runSessionImportChat)
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
