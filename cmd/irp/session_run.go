package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/session"
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
	who, bad, err := env.MarkRun(page)
	if err != nil {
		return err
	}
	if len(who) == 0 {
		fmt.Fprintf(o.IO.Out, "%s: already run; the ledger has every responder\n", page.Rel)
	} else {
		fmt.Fprintf(o.IO.Out, "%s: run; recorded %s as having seen %s\n", page.Rel, strings.Join(who, ", "), page.Scenario)
	}
	session.ReportFeed(o.IO.ErrOut, bad)
	return nil
}
