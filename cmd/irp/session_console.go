package main

import (
	"github.com/spf13/cobra"

	"irp/internal/console"
)

type sessionConsoleOptions struct {
	*Factory
	Dir        string
	By         string
	Identities []string
}

func newSessionConsoleCmd(f *Factory, runF func(*sessionConsoleOptions) error) *cobra.Command {
	o := &sessionConsoleOptions{Factory: f}
	cmd := verb("console DIR [--by NAME]", "The instigators' full-screen console for a running session",
		cobra.ExactArgs(1), o, func(args []string) { o.Dir = args[0] }, runF, runSessionConsole)
	cmd.Flags().StringVar(&o.By, "by", "", "which instigator you are (default: the only one)")
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runSessionConsole(o *sessionConsoleOptions) error {
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	return console.Start(o.IO.In, o.IO.Out, o.IO.ErrOut, env, page, o.By, o.LoadKeys(o.Identities), o.Getenv("NO_COLOR") != "")
}
