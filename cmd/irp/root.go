package main

import (
	"sort"

	"github.com/spf13/cobra"

	"irp/internal/problem"
)

// groups are the parent commands that only hold verbs.
var groups = []struct{ use, short, example string }{
	{"new", "Scaffold a cheat-sheet or a scenario from its schema",
		"  irp new tool zonememstat\n  irp new scenario amber-heron"},
	{"vault", "Seal, open and manage practice scenarios",
		"  irp vault list\n  irp vault open amber-heron --section Hints\n  irp vault pick --responders ana,ben,cy"},
	{"session", "Plan, check and publish practice sessions",
		"  irp session new --scenario amber-heron --date 2026-12-01T14:00:00Z --instigators ana --responders ben,cy,dee\n  irp session check content/sessions/2026-12-01-brisk-plover"},
}

type registration struct {
	parent string // "" for a top-level verb
	make   func() *cobra.Command
}

var registry []registration

// addCommand registers a verb under parent ("" for top level). Each verb's
// file calls it from init.
func addCommand(parent string, make func() *cobra.Command) {
	registry = append(registry, registration{parent, make})
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "irp",
		Short: "Incident response practice: prep site, sealed scenarios, sessions and impact",
		Long: `irp helps a team practise incident response on a production-like deployment.

It builds the prep site (guide, components, tool cheat-sheets) with search,
keeps practice scenarios sealed with age so groups can reuse them, plans and
checks sessions, and measures an outage's impact from the API audit logs.`,
		Example: `  irp build && open public/index.html
  irp vault open amber-heron --section Hints
  irp impact --json /var/log/muskie-audit/*.log.gz`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	parents := map[string]*cobra.Command{"": root}
	for _, g := range groups {
		c := &cobra.Command{Use: g.use, Short: g.short, Example: g.example, Args: noArgs,
			RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() }}
		parents[g.use] = c
		root.AddCommand(c)
	}
	for _, r := range registry {
		parents[r.parent].AddCommand(r.make())
	}
	var fix func(c *cobra.Command)
	fix = func(c *cobra.Command) {
		c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
			return problem.WithHint(problem.Usage(err), "run '"+c.CommandPath()+" --help' for usage")
		})
		if c.Args != nil {
			check := c.Args
			c.Args = func(cmd *cobra.Command, args []string) error {
				return problem.Usage(check(cmd, args))
			}
		}
		children := c.Commands()
		sort.Slice(children, func(i, j int) bool { return children[i].Name() < children[j].Name() })
		for _, ch := range children {
			fix(ch)
		}
	}
	fix(root)
	return root
}

// noArgs rejects positional arguments on group commands, so a mistyped verb
// is a usage error instead of silently printing help.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return problem.Usagef("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	return nil
}
