package main

import (
	"strconv"

	"github.com/spf13/cobra"

	"irp/internal/followup"
	"irp/internal/problem"
	"irp/internal/session"
)

type sessionFollowupOptions struct {
	*Factory
	Dir        string
	N          string // "" to list them
	Done, Open bool
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
	if o.N == "" && (o.Done || o.Open) {
		return problem.Usagef("--done and --open need the follow-up's number N")
	}
	n, err := strconv.Atoi(o.N)
	if o.N != "" && err != nil {
		return problem.Usagef("follow-up number %q is not a number (irp session followup %s lists them)", o.N, o.Dir)
	}
	if o.N != "" && o.Done == o.Open {
		return problem.Usagef("say --done or --open")
	}
	env, page, err := o.session(o.Dir)
	switch {
	case err != nil:
		return err
	case o.N == "":
		return session.WriteFollowups(o.IO.Out, o.IO.ErrOut, page, env.Now())
	case o.Open:
		return session.SetFollowup(o.IO.Out, page, o.Dir, n, followup.Open)
	}
	return session.SetFollowup(o.IO.Out, page, o.Dir, n, followup.Done)
}
