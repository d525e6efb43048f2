package main

import (
	"github.com/spf13/cobra"

	"irp/internal/session"
	"irp/internal/vault"
)

type newScenarioOptions struct {
	*Factory
	ID     string
	Output string
	Force  bool
}

func newNewScenarioCmd(f *Factory, runF func(*newScenarioOptions) error) *cobra.Command {
	o := &newScenarioOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "scenario ID",
		Short: "Scaffold a plaintext scenario with every section, ready to seal",
		Long: `Write a plaintext scenario template for ID (a codename that reveals
nothing, like amber-heron) with the front matter and every section a
scenario needs.

The plaintext never goes into the repository: by default it is written to
your private drafts directory ($XDG_DATA_HOME/irp/drafts, else
~/.local/share/irp/drafts; mode 0700, the file 0600), and -o refuses a path
under content/ (it would be published) or vault/ (only sealed files live
there). Fill it in, then irp vault seal FILE, which encrypts it into
vault/scenarios/ID.age and removes the plaintext.

The id shows in file names, the ledger and session pages while the scenario
is in the pool, so an id with a component's or a failure's name in it
(postgres-disk-full) is refused with a codename suggested; --force takes it
anyway.`,
		Example: `  irp new scenario amber-heron
  irp new scenario amber-heron -o /tmp/amber-heron.md
  irp vault seal ~/.local/share/irp/drafts/amber-heron.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.ID = args[0]
			return runOr(runF, runNewScenario, o)
		},
	}
	cmd.Flags().StringVarP(&o.Output, "output", "o", "", "write here instead of the private drafts directory")
	cmd.Flags().BoolVar(&o.Force, "force", false, "accept an id that names a component or a failure")
	return cmd
}

func runNewScenario(o *newScenarioOptions) error {
	if err := session.CheckScenarioID(o.ID, o.Force); err != nil {
		return err
	}
	p, err := o.Project()
	if err != nil {
		return err
	}
	return vault.WriteDraft(o.IO.Out, p, o.ID, o.Output, o.Getenv, o.Home)
}
