package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"irp/internal/journal"
	"irp/internal/problem"
	"irp/internal/session"
	"irp/internal/vault"
)

func init() { addCommand("session", newSessionMarkCmd) }

func newSessionMarkCmd() *cobra.Command {
	var idFiles []string
	var at, note, by string
	var public, private bool
	cmd := &cobra.Command{
		Use:   "mark DIR EVENT [--at TIME] [--note TEXT] [--by NAME]",
		Short: "Record a moment of a running session in your sealed journal",
		Long: `Record what just happened in a practice session: the non-interactive form of
a key in irp session console. EVENT is one of

  induced        the outage is live: the incident starts
  detected       a responder noticed
  diagnosed      the cause is understood
  mitigated      the damage stopped growing
  resolved       service is fully restored: the incident ends
  aborted        the instigators ended it early (run the Abort steps)
  status-report  the investigation coordinator posted a status report
  note           free text (--note), private unless --public

--at is when it happened: HH:MM (UTC, on the session's day) or RFC 3339;
default now. The event goes at once into your journal, sealed to the
vault's recipients in vault/sessions/<dir>.journal.<you>.age; each
instigator keeps their own (--by, needed when the session has several).
irp session publish merges every journal into the page's start, end,
[[timeline]] and [[hints]]. A milestone's --note goes on the public
timeline unless --private; private notes are sealed to
vault/sessions/<dir>.notes.age and never published.`,
		Example: `  irp session mark content/sessions/2026-12-01-brisk-plover induced
  irp session mark 2026-12-01-brisk-plover detected --at 13:12 --note "5xx alarm noticed"
  irp session mark 2026-12-01-brisk-plover note --note "they are looking at the wrong shard" --by ana`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			env, err := sessionEnv()
			if err != nil {
				return wrapf(err, "session mark")
			}
			page, err := env.Read(args[0])
			if err != nil {
				return wrapf(err, "session mark")
			}
			ev := journal.Event{Kind: args[1], Note: strings.TrimSpace(note)}
			switch {
			case public && private:
				return problem.Usagef("session mark: --public and --private cannot both be given")
			case args[1] == journal.Note:
				ev.Private = !public
			default:
				ev.Private = private
			}
			if at != "" {
				if ev.At, err = session.ParseAt(at, page.Day()); err != nil {
					return problem.Usage(fmt.Errorf("--at: %w", err))
				}
			}
			who, err := page.Instigator(by)
			if err != nil {
				return wrapf(err, "session mark")
			}
			keys, kerr := loadKeys(idFiles)
			got, err := env.Mark(page, env.Journal(page, keys.ids, who), ev)
			if err != nil {
				return wrapf(explainKeys(keys, kerr, err), "session mark %s", page.Rel)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "recorded %s at %s UTC in vault/%s.age\n", got.Kind, got.At.Format(time.TimeOnly), journal.Name(page.Name, who))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&at, "at", "", "when it happened: HH:MM (UTC, on the session's day) or RFC 3339; default now")
	f.StringVar(&note, "note", "", "a few words about it")
	f.StringVar(&by, "by", "", "which instigator you are (default: the only one)")
	f.BoolVar(&public, "public", false, "a note event goes on the public timeline")
	f.BoolVar(&private, "private", false, "a milestone's note stays sealed with the private notes")
	identityFlag(cmd, &idFiles)
	return cmd
}

// explainKeys says which identities were tried when a sealed file could
// not be opened, or that none was found.
func explainKeys(keys keyring, kerr, err error) error {
	if kerr != nil && errors.Is(err, vault.ErrNoKey) {
		return kerr
	}
	return keys.explain(err)
}
