package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"irp/internal/cheatsheet"
	"irp/internal/problem"
	"irp/internal/project"
)

func init() { addCommand("new", newNewToolCmd) }

func newNewToolCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "tool NAME",
		Short: "Start a cheat-sheet for a tool: content/tools/NAME.md",
		Long: `tool writes content/tools/NAME.md with every field and section of the
cheat-sheet schema and a TODO wherever the author has to write. It never
overwrites a page. irp check then lists exactly the TODOs left to do.

NAME is the tool's name as typed: lowercase letters, digits, '-', '.', '_'.`,
		Example: `  irp new tool zonememstat
  irp new tool moraystat.d && irp check`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if err := cheatsheet.CheckName(name); err != nil {
				return problem.Usage(fmt.Errorf("new tool: %w", err))
			}
			p, err := project.Find(".")
			if err != nil {
				return err
			}
			path, err := cheatsheet.Create(p.Content(), name)
			if errors.Is(err, cheatsheet.ErrExists) {
				return problem.WithHint(fmt.Errorf("new tool %s: %s already exists", name, p.Rel(path)),
					"edit that page, or pick another name")
			}
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "created %s\n", p.Rel(path))
			fmt.Fprintf(out, "next: replace every TODO in it (summary, platform, components, sources, symptoms,\n"+
				"      the four sections and 3-10 examples), then run irp check until it is clean\n"+
				"      and irp serve to see the page.\n")
			return nil
		},
	}
}
