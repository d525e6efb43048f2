package main

import (
	"context"

	"github.com/spf13/cobra"

	"irp/internal/check"
	"irp/internal/proc"
)

type checkOptions struct{ *Factory }

func newCheckCmd(f *Factory, runF func(*checkOptions) error) *cobra.Command {
	o := &checkOptions{f}
	return verb("check", "Lint the content, test-build the site, verify the vault, look for leaks",
		cobra.NoArgs, o, nil, runF, runCheck)
}

func runCheck(o *checkOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	defer proc.BatchGC()()
	return check.Run(context.Background(), check.Options{
		Project: p, Out: o.IO.Out, ErrOut: o.IO.ErrOut, Now: o.Now,
		Keys: o.DefaultKeys,
	})
}
