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
	cmd := &cobra.Command{
		Use:   "when DIR",
		Short: "Show when a session's incident starts: the sealed surprise start, for instigators",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Dir = args[0]
			return runOr(runF, runSessionWhen, o)
		},
	}
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
