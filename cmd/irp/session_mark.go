package main

import (
	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/session"
)

type sessionMarkOptions struct {
	*Factory
	session.MarkFlags
	Dir        string
	Identities []string
}

func newSessionMarkCmd(f *Factory, runF func(*sessionMarkOptions) error) *cobra.Command {
	o := &sessionMarkOptions{Factory: f}
	cmd := verb("mark DIR EVENT [--at TIME] [--note TEXT] [--by NAME]", "Record a moment of a running session in your sealed journal",
		cobra.ExactArgs(2), o, func(args []string) { o.Dir, o.Event = args[0], args[1] }, runF, runSessionMark)
	fl := cmd.Flags()
	fl.StringVar(&o.At, "at", "", "when it happened: HH:MM (UTC, on the session's day) or RFC 3339; default now")
	fl.StringVar(&o.Note, "note", "", "a few words about it")
	fl.StringVar(&o.By, "by", "", "which instigator you are (default: the only one)")
	fl.BoolVar(&o.Public, "public", false, "a note event goes on the public timeline")
	fl.BoolVar(&o.Private, "private", false, "a milestone's note stays sealed with the private notes")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runSessionMark(o *sessionMarkOptions) error {
	if o.Public && o.Private {
		return problem.Usagef("--public and --private cannot both be given")
	}
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	return env.Record(o.IO.Out, page, o.MarkFlags, o.LoadKeys(o.Identities))
}
