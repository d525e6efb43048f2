package main

import (
	"github.com/spf13/cobra"
)

type sessionWhenOptions struct {
	*Factory
	Dir        string
	Identities []string
}

func newSessionWhenCmd(f *Factory, runF func(*sessionWhenOptions) error) *cobra.Command {
	o := &sessionWhenOptions{Factory: f}
	cmd := verb("when DIR", "Show when a session's incident starts: the sealed surprise start, for instigators",
		cobra.ExactArgs(1), o, func(args []string) { o.Dir = args[0] }, runF, runSessionWhen)
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runSessionWhen(o *sessionWhenOptions) error {
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	return env.When(o.IO.Out, page, o.LoadKeys(o.Identities))
}
