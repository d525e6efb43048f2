package main

import (
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/session"
)

func init() { addCommand("session", newSessionPublishCmd) }

func newSessionPublishCmd() *cobra.Command {
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "publish DIR",
		Short: "Validate a session summary and publish it on the site",
		Long: `Check a session's summary and, when it is clean, publish it: status
published, draft false, written atomically; the responders are recorded in
vault/ledger.jsonl (if irp session run did not already), and team.json next
to the page holds the team as names or initials (config.toml
[params] team_names).

When instigators recorded the session (irp session console, mark, hint),
their journals in vault/sessions are merged first: start, end and the
[[timeline]] and [[hints]] entries they give are written into the page
(entries written by hand or imported from the chat stay), and private
notes are sealed to vault/sessions/<dir>.notes.age. A warning names an
incident longer than [params] status_every (default 30m) with no status
report on its timeline.

The page's front matter gives the times: start and end, one [[timeline]]
table per moment (at, event, note) and one [[hints]] table per rung given
(rung, at, note); irp session new leaves them there as comments to fill in.
impact.json and impact.svg next to the page come from irp impact --json and
--svg.

Checked: start and end are UTC, on the session's day, start before end, end
in the past; there is at least one [[timeline]] entry, and timeline and
hint times lie between start and end; every hint rung exists in the
scenario's ladder; percentages in impact.json are 0 to 100; the sections
Summary, Impact, Timeline, Hints used, Lessons and Process suggestions are
there and not empty; no text of a sealed scenario and no private key is in
the session's directory; and, while the scenario is still in the pool, the
page neither names its title nor links to it.

Opening the scenario needs an instigator's identity: without one that opens
it, publish fails rather than skip the rung and leak checks. Each problem is
one line naming the file, line and field; exit 1, and no file changes.`,
		Example: `  irp session publish content/sessions/2026-12-01-brisk-plover
  irp session publish -i ~/.config/irp/identity 2026-12-01-brisk-plover`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			env, err := sessionEnv()
			if err != nil {
				return wrapf(err, "session publish")
			}
			page, err := env.Read(args[0])
			if err != nil {
				return wrapf(err, "session publish")
			}
			var ids []age.Identity
			keys, kerr := loadKeys(idFiles)
			if kerr == nil {
				ids = keys.ids
			}
			res, probs, err := env.Publish(page, ids)
			if errors.Is(err, session.ErrNeedIdentity) && kerr != nil {
				err = fmt.Errorf("%w: %v", err, kerr)
				err = problem.WithHint(err, "publish as an instigator: pass -i FILE or set IRP_IDENTITY")
			} else if err != nil {
				err = keys.explain(err)
			}
			if err != nil {
				return wrapf(err, "session publish %s", page.Rel)
			}
			errOut := cmd.ErrOrStderr()
			if len(probs) > 0 {
				for _, p := range probs {
					fmt.Fprintf(errOut, "%s\n", p)
				}
				fmt.Fprintf(errOut, "irp: session publish: %d problem(s); %s is unchanged\n", len(probs), page.Rel)
				return problem.Found
			}
			out := cmd.OutOrStdout()
			if res.Already {
				fmt.Fprintf(out, "%s: already published; it still checks out\n", page.Rel)
				return nil
			}
			if len(res.Seen) > 0 {
				fmt.Fprintf(out, "recorded %s as having seen %s\n", strings.Join(res.Seen, ", "), page.Scenario)
			}
			if res.Synced > 0 {
				fmt.Fprintf(out, "merged %d timeline and hint entries from the instigators' journals\n", res.Synced)
			}
			if res.Notes {
				fmt.Fprintf(out, "sealed the private notes in vault/%s.age\n", session.NotesName(page.Name))
			}
			for _, w := range res.Warn {
				fmt.Fprintf(errOut, "%s\n", w)
			}
			pool := "the scenario is in the pool: the page names only the codename"
			if res.Retired {
				pool = "the scenario is retired: the page links to its full text"
			}
			fmt.Fprintf(out, "published %s (%s)\n", page.Rel, pool)
			reportFeed(errOut, res.Bad)
			return nil
		},
	}
	identityFlag(cmd, &idFiles)
	return cmd
}
