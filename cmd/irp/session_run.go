package main

import (
	"github.com/spf13/cobra"
)

type sessionRunOptions struct {
	*Factory
	Dir string
}

func newSessionRunCmd(f *Factory, runF func(*sessionRunOptions) error) *cobra.Command {
	o := &sessionRunOptions{Factory: f}
	return verb("run DIR", "Mark a session as held: record its responders as having seen the scenario",
		cobra.ExactArgs(1), o, func(args []string) { o.Dir = args[0] }, runF, runSessionRun)
}

func runSessionRun(o *sessionRunOptions) error {
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	return env.Run(o.IO.Out, o.IO.ErrOut, page)
}
