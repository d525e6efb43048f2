package main

import (
	"context"

	"github.com/spf13/cobra"

	"irp/internal/check"
)

type checkOptions struct{ *Factory }

func newCheckCmd(f *Factory, runF func(*checkOptions) error) *cobra.Command {
	o := &checkOptions{f}
	return &cobra.Command{
		Use:   "check",
		Short: "Lint the content, test-build the site, verify the vault, look for leaks",
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return runOr(runF, runCheck, o) },
	}
}

func runCheck(o *checkOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	defer batchGC()()
	return check.Run(context.Background(), check.Options{
		Project: p, Out: o.IO.Out, ErrOut: o.IO.ErrOut, Now: o.Now,
		Keys: o.DefaultKeys,
	})
}
