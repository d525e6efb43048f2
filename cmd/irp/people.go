package main

import (
	"github.com/spf13/cobra"

	"irp/internal/people"
)

type peopleAddOptions struct {
	*Factory
	Handle, Name string
	Experienced  bool
}

func newPeopleAddCmd(f *Factory, runF func(*peopleAddOptions) error) *cobra.Command {
	o := &peopleAddOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a person to vault/people.toml",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Handle = args[0]
			return runOr(runF, runPeopleAdd, o)
		},
	}
	cmd.Flags().StringVar(&o.Name, "name", "", "the person's name, shown on summaries")
	cmd.Flags().BoolVar(&o.Experienced, "experienced", false, "already at ease with production incidents")
	return cmd
}

func runPeopleAdd(o *peopleAddOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	return people.AddTo(o.IO.Out, p, o.Handle, o.Name, o.Experienced)
}

type peopleTickOptions struct {
	*Factory
	Handle, Prerequisite string
}

func newPeopleTickCmd(f *Factory, runF func(*peopleTickOptions) error) *cobra.Command {
	o := &peopleTickOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "tick NAME PREREQUISITE",
		Short: "Record that a person has set up a prerequisite",
		Args:  cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Handle, o.Prerequisite = args[0], args[1]
			return runOr(runF, runPeopleTick, o)
		},
	}
	return cmd
}

func runPeopleTick(o *peopleTickOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	return people.TickIn(o.IO.Out, p, o.Handle, o.Prerequisite)
}
