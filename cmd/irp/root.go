package main

import (
	"github.com/spf13/cobra"

	"irp/internal/problem"
)

// newRootCmd builds irp's whole command tree.
func newRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:           "irp",
		Short:         "Incident response practice: prep site, sealed scenarios, sessions and impact",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	group(root,
		newBuildCmd(f, nil),
		newServeCmd(f, nil),
		newCheckCmd(f, nil),
		newTeamCmd(f, nil),
		newImpactCmd(f, nil, newImpactMergeCmd(f, nil)),
		group(&cobra.Command{Use: "new", Short: "Scaffold a cheat-sheet or a scenario from its schema"},
			newNewToolCmd(f, nil),
			newNewScenarioCmd(f, nil),
		),
		group(&cobra.Command{Use: "vault", Short: "Seal, open and manage practice scenarios"},
			newVaultInitCmd(f, nil),
			newVaultRecipientsCmd(f, nil,
				newVaultRecipientsAddCmd(f, nil),
				newVaultRecipientsRmCmd(f, nil)),
			newVaultSealCmd(f, nil),
			newVaultOpenCmd(f, nil),
			newVaultEditCmd(f, nil),
			newVaultListCmd(f, nil),
			newVaultRekeyCmd(f, nil),
			newVaultVerifyCmd(f, nil),
			newVaultRetireCmd(f, nil),
			newVaultRemoveCmd(f, nil),
			newVaultPickCmd(f, nil),
		),
		group(&cobra.Command{Use: "people", Short: "Add people to vault/people.toml and tick their prerequisites"},
			newPeopleAddCmd(f, nil),
			newPeopleTickCmd(f, nil),
		),
		group(&cobra.Command{Use: "session", Short: "Plan, check and publish practice sessions"},
			newSessionNewCmd(f, nil),
			newSessionCheckCmd(f, nil),
			newSessionRunCmd(f, nil),
			newSessionPublishCmd(f, nil),
			newSessionMarkCmd(f, nil),
			newSessionHintCmd(f, nil),
			newSessionConsoleCmd(f, nil),
			newSessionImportChatCmd(f, nil),
			newSessionWhenCmd(f, nil),
			newSessionFollowupCmd(f, nil),
			newSessionTrendCmd(f, nil),
		),
	)
	attachHelp(root)
	usageErrors(root)
	return root
}

// group adds verbs under parent. A parent without a run function of its
// own prints its help, and rejects an unknown verb.
func group(parent *cobra.Command, verbs ...*cobra.Command) *cobra.Command {
	if parent.RunE == nil {
		parent.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		parent.Args = cobra.NoArgs
	}
	parent.AddCommand(verbs...)
	// "irp session plan --help" would print the session group's help and
	// exit 0 as if plan existed: run names the unknown verb instead (exit 2).
	help := parent.HelpFunc() // cobra's own, taken before this one replaces it
	parent.SetHelpFunc(func(c *cobra.Command, args []string) {
		if c == parent {
			for _, a := range c.Flags().Args() {
				if c.Annotations == nil {
					c.Annotations = map[string]string{}
				}
				c.Annotations[unknownVerb] = a
				return
			}
		}
		help(c, args)
	})
	return parent
}

// verb is the command of one verb: args checks its arguments, bind (nil
// when it takes none) puts them in the options o, and o goes to runF when
// a test gave one, else to run.
func verb[O any](use, short string, args cobra.PositionalArgs, o O, bind func([]string), runF, run func(O) error) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  args,
		RunE: func(_ *cobra.Command, a []string) error {
			if bind != nil {
				bind(a)
			}
			if runF != nil {
				return runF(o)
			}
			return run(o)
		},
	}
}

// unknownVerb annotates a group that was asked for help about a verb it
// does not have; run reports it as a usage error.
const unknownVerb = "irp-unknown-verb"

// usageErrors makes every mistake on the command line of c and the
// commands under it a usage error (exit 2) with a hint.
func usageErrors(c *cobra.Command) {
	c.SetFlagErrorFunc(usageError)
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			return usageError(cmd, check(cmd, args))
		}
	}
	for _, sub := range c.Commands() {
		usageErrors(sub)
	}
}

// usageError is err, a mistake on c's command line, as a usage error with
// the hint to read c's help; nil stays nil.
func usageError(c *cobra.Command, err error) error {
	if err == nil {
		return nil
	}
	return problem.WithHint(cmdlineError{err}, "run '"+c.CommandPath()+" --help' for usage")
}
