package main

import (
	"fmt"
	"time"

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
		Long: `Print when the session's incident starts, in UTC and in your local time.
For a session planned with --window that is the surprise start irp session
new sealed to the vault's recipients (vault/sessions/<dir>.age): only an
instigator's identity opens it. For one planned with --date it is that date.`,
		Example: `  irp session when content/sessions/2026-12-10-quiet-gannet
  irp session when 2026-12-10-quiet-gannet -i ~/.ssh/id_ed25519`,
		Args: cobra.ExactArgs(1),
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
	keys, kerr := o.Keys(o.Identities)
	start, err := env.SurpriseStart(page, keys.ids)
	if err != nil {
		return explainKeys(keys, kerr, err)
	}
	if start.IsZero() {
		return fmt.Errorf("%s has no start: neither a date nor a sealed surprise start", page.Rel)
	}
	fmt.Fprintf(o.IO.Out, "%s starts at %s (UTC), %s local time\n", page.Name,
		start.UTC().Format(time.RFC3339), start.In(time.Local).Format("2006-01-02 15:04 MST"))
	return nil
}
