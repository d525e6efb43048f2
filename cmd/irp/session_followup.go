package main

import (
	"github.com/spf13/cobra"

	"irp/internal/session"
)

type sessionFollowupOptions struct {
	*Factory
	session.FollowupFlags
	Dir string
}

func newSessionFollowupCmd(f *Factory, runF func(*sessionFollowupOptions) error) *cobra.Command {
	o := &sessionFollowupOptions{Factory: f}
	cmd := verb("followup DIR [N --done | N --open]", "List a session's follow-ups, or close (or reopen) one",
		cobra.RangeArgs(1, 2), o, func(args []string) {
			o.Dir = args[0]
			if len(args) == 2 {
				o.N = args[1]
			}
		}, runF, runSessionFollowup)
	cmd.Flags().BoolVar(&o.Done, "done", false, "mark follow-up N done")
	cmd.Flags().BoolVar(&o.Open, "open", false, "mark follow-up N open again")
	return cmd
}

func runSessionFollowup(o *sessionFollowupOptions) error {
	n, status, err := o.Change(o.Dir)
	if err != nil {
		return err
	}
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	return env.Followup(o.IO.Out, o.IO.ErrOut, page, o.Dir, n, status)
}
