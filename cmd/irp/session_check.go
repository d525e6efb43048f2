package main

import (
	"github.com/spf13/cobra"

	"irp/internal/team"
)

type sessionCheckOptions struct {
	*Factory
	Dir        string
	Strict     bool
	Identities []string
}

func newSessionCheckCmd(f *Factory, runF func(*sessionCheckOptions) error) *cobra.Command {
	o := &sessionCheckOptions{Factory: f}
	cmd := verb("check [--strict] DIR", "Check a session's team: size, mix, seen-before, prerequisites",
		cobra.ExactArgs(1), o, func(args []string) { o.Dir = args[0] }, runF, runSessionCheck)
	cmd.Flags().BoolVar(&o.Strict, "strict", false, "exit 1 when there is any warning")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runSessionCheck(o *sessionCheckOptions) error {
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	return team.CheckSession(o.IO.Out, env, page, o.LoadKeys(o.Identities), o.Strict)
}
