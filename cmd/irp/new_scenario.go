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
	cmd := verb("scenario ID", "Scaffold a plaintext scenario with every section, ready to seal",
		cobra.ExactArgs(1), o, func(args []string) { o.ID = args[0] }, runF, runNewScenario)
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
