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
	cmd := &cobra.Command{
		Use:   "hint DIR [--at TIME] [--by NAME]",
		Short: "Print the next rung of the hint ladder and record it as given",
		Long: `Print the next rung of the session's hint ladder, ready to paste into the
practice channel, and record in your sealed journal that it was given
(rung number and time, never its text). The next rung counts the rungs
every instigator has recorded. --at as for irp session mark.

RFD 111: give hints sparingly, pointers to docs, man pages and source
first, then questions; never the answer.`,
		Example: `  irp session hint content/sessions/2026-12-01-brisk-plover
  irp session hint 2026-12-01-brisk-plover --at 13:40 --by ben`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Dir = args[0]
			return runOr(runF, runSessionHint, o)
		},
	}
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
