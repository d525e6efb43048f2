package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/session"
)

type sessionPublishOptions struct {
	*Factory
	Dir        string
	Identities []string
}

func newSessionPublishCmd(f *Factory, runF func(*sessionPublishOptions) error) *cobra.Command {
	o := &sessionPublishOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "publish DIR",
		Short: "Validate a session summary and publish it on the site",
		Long: `Check a session's summary and, when it is clean, publish it: status
published, draft false, written atomically; the responders are recorded in
vault/ledger.jsonl (if irp session run did not already), and team.json next
to the page holds the team as names or initials (config.toml
[params] team_names).

The page's front matter gives the times: start and end, one [[timeline]]
table per moment (at, event, note) and one [[hints]] table per rung given
(rung, at, note); irp session new leaves them there as comments to fill in.
impact.json and impact.svg next to the page come from irp impact --json and
--svg. Publishing also redraws the trend chart of the sessions list page
(content/sessions/trend.json and trend.svg) from every published summary.

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
		RunE: func(_ *cobra.Command, args []string) error {
			o.Dir = args[0]
			return runOr(runF, runSessionPublish, o)
		},
	}
	identityFlag(cmd, &o.Identities)
	return cmd
}

func runSessionPublish(o *sessionPublishOptions) error {
	env, page, err := o.session(o.Dir)
	if err != nil {
		return err
	}
	keys, kerr := o.Keys(o.Identities)
	res, probs, err := env.Publish(page, keys.ids)
	switch {
	case errors.Is(err, session.ErrNeedIdentity) && kerr != nil:
		return fmt.Errorf("%w: %v", err, kerr)
	case err != nil:
		return keys.explain(err)
	}
	if len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintf(o.IO.ErrOut, "%s\n", p)
		}
		return fmt.Errorf("%d problem(s); %s is unchanged", len(probs), page.Rel)
	}
	defer writeTrend(env, o.IO.ErrOut)
	if res.Already {
		fmt.Fprintf(o.IO.Out, "%s: already published; it still checks out\n", page.Rel)
		return nil
	}
	if len(res.Seen) > 0 {
		fmt.Fprintf(o.IO.Out, "recorded %s as having seen %s\n", strings.Join(res.Seen, ", "), page.Scenario)
	}
	if res.Synced > 0 {
		fmt.Fprintf(o.IO.Out, "merged %d timeline and hint entries from the instigators' journals\n", res.Synced)
	}
	if res.Notes {
		fmt.Fprintf(o.IO.Out, "sealed the private notes in vault/%s.age\n", session.NotesName(page.Name))
	}
	for _, w := range res.Warn {
		fmt.Fprintf(o.IO.ErrOut, "%s\n", w)
	}
	pool := "the scenario is in the pool: the page names only the codename"
	if res.Retired {
		pool = "the scenario is retired: the page links to its full text"
	}
	fmt.Fprintf(o.IO.Out, "published %s (%s)\n", page.Rel, pool)
	fmt.Fprintf(o.IO.Out, "next: irp build, to put it on the site\n")
	reportFeed(o.IO.ErrOut, res.Bad)
	return nil
}
