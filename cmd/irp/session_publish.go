package main

import (
	"fmt"

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
	if err := env.PublishPage(o.IO.Out, o.IO.ErrOut, page, o.LoadKeys(o.Identities)); err != nil {
		return err
	}
	// A chart not redrawn is reported, not fatal: the summary is published.
	if _, err := team.RedrawTrend(env); err != nil {
		fmt.Fprintf(o.IO.ErrOut, "irp: the trend chart on the sessions page was not redrawn: %v\n", err)
	}
	return nil
}
