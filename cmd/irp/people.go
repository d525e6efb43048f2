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
	cmd := verb("add NAME", "Add a person to vault/people.toml",
		cobra.ExactArgs(1), o, func(args []string) { o.Handle = args[0] }, runF, runPeopleAdd)
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
	return verb("tick NAME PREREQUISITE", "Record that a person has set up a prerequisite",
		cobra.ExactArgs(2), o, func(args []string) { o.Handle, o.Prerequisite = args[0], args[1] }, runF, runPeopleTick)
}

func runPeopleTick(o *peopleTickOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	return people.TickIn(o.IO.Out, p, o.Handle, o.Prerequisite)
}
