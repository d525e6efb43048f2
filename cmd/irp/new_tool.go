package main

import (
	"github.com/spf13/cobra"

	"irp/internal/cheatsheet"
	"irp/internal/problem"
)

type newToolOptions struct {
	*Factory
	Name string
}

func newNewToolCmd(f *Factory, runF func(*newToolOptions) error) *cobra.Command {
	o := &newToolOptions{Factory: f}
	return &cobra.Command{
		Use:   "tool NAME",
		Short: "Start a cheat-sheet for a tool: content/tools/NAME.md",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Name = args[0]
			return runOr(runF, runNewTool, o)
		},
	}
}

func runNewTool(o *newToolOptions) error {
	if err := cheatsheet.CheckName(o.Name); err != nil {
		return problem.Usage(err)
	}
	p, err := o.Project()
	if err != nil {
		return err
	}
	return cheatsheet.CreateIn(o.IO.Out, p, o.Name)
}
