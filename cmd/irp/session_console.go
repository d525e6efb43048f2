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
		Long: `Run a practice session from the terminal. The scenario is decrypted in
memory only. Before the start: a countdown to it (the sealed surprise start
of a session planned with --window), the Brief, Induce and Verify steps,
and i to mark the outage induced. During: the elapsed time, one key per
milestone (d detected, g diagnosed, m mitigated, r resolved), h for the
next hint rung (shown for pasting into the channel), s when the
coordinator posted a status report (a reminder shows when one is due,
every [params] status_every, default 30m), n for a private note, N for a
public one, a to abort (shows the Abort steps). After: the Revert steps,
and w writes start, end, [[timeline]] and [[hints]] into the page, seals
the private notes to vault/sessions/<dir>.notes.age and records the
responders as having seen the scenario (as irp session run does).

Every key that records something goes at once into your sealed journal,
vault/sessions/<dir>.journal.<you>.age: quitting, a crash or kill -9
loses nothing, and running the console again resumes. With several
instigators each runs their own console (--by) and commits their own
journal; irp session publish merges them. ? lists the keys; NO_COLOR
turns colour off; 80x24 is enough.`,
		Example: `  irp session console content/sessions/2026-12-01-brisk-plover
  irp session console 2026-12-01-brisk-plover --by ben -i ~/.ssh/id_ed25519`,
		Args: cobra.ExactArgs(1),
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
