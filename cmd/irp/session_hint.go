package main

import (
	"github.com/spf13/cobra"
)

type sessionHintOptions struct {
	*Factory
	Dir, At, Note, By string
	Identities        []string
}

func newSessionHintCmd(f *Factory, runF func(*sessionHintOptions) error) *cobra.Command {
	o := &sessionHintOptions{Factory: f}
	cmd := verb("hint DIR [--at TIME] [--by NAME]", "Print the next rung of the hint ladder and record it as given",
		cobra.ExactArgs(1), o, func(args []string) { o.Dir = args[0] }, runF, runSessionHint)
	fl := cmd.Flags()
	fl.StringVar(&o.At, "at", "", "when it was given: HH:MM (UTC, on the session's day) or RFC 3339; default now")
	fl.StringVar(&o.Note, "note", "", "why it was needed (public, on the page)")
	fl.StringVar(&o.By, "by", "", "which instigator you are (default: the only one)")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runSessionHint(o *sessionHintOptions) error {
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	return env.Hint(o.IO.Out, o.IO.ErrOut, page, o.At, o.Note, o.By, o.LoadKeys(o.Identities))
}
