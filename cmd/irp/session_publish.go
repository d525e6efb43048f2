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
	if err := env.PublishPage(o.IO.Out, o.IO.ErrOut, page, o.LoadKeys(o.Identities)); err != nil {
		return err
	}
	// A chart not redrawn is reported, not fatal: the summary is published.
	if err := team.RedrawTrend(env); err != nil {
		fmt.Fprintf(o.IO.ErrOut, "irp: the trend chart on the sessions page was not redrawn: %v\n", err)
	}
	return nil
}
