package main

import (
	"github.com/spf13/cobra"

	"irp/internal/team"
)

type sessionPublishOptions struct {
	*Factory
	Dir        string
	Identities []string
}

func newSessionPublishCmd(f *Factory, runF func(*sessionPublishOptions) error) *cobra.Command {
	o := &sessionPublishOptions{Factory: f}
	cmd := verb("publish DIR", "Validate a session summary and publish it on the site",
		cobra.ExactArgs(1), o, func(args []string) { o.Dir = args[0] }, runF, runSessionPublish)
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runSessionPublish(o *sessionPublishOptions) error {
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	return team.Publish(o.IO.Out, o.IO.ErrOut, env, page, o.LoadKeys(o.Identities))
}
