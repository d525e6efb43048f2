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
	cmd := &cobra.Command{
		Use:   "console DIR [--by NAME]",
		Short: "The instigators' full-screen console for a running session",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Dir = args[0]
			return runOr(runF, runSessionConsole, o)
		},
	}
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
