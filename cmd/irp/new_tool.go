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
	return verb("tool NAME", "Start a cheat-sheet for a tool: content/tools/NAME.md",
		cobra.ExactArgs(1), o, func(args []string) { o.Name = args[0] }, runF, runNewTool)
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
