package main

import (
	"context"

	"github.com/spf13/cobra"

	"irp/internal/build"
	"irp/internal/proc"
)

type buildOptions struct {
	*Factory
	Dest    string
	BaseURL string
	Drafts  bool
}

func newBuildCmd(f *Factory, runF func(*buildOptions) error) *cobra.Command {
	o := &buildOptions{Factory: f}
	cmd := verb("build", "Build the static site into public/",
		cobra.NoArgs, o, nil, runF, runBuild)
	fl := cmd.Flags()
	fl.StringVar(&o.Dest, "dest", "", "directory to write the site into (default public/ in the project)")
	fl.StringVar(&o.BaseURL, "base-url", "", "URL the site will be published at")
	fl.BoolVar(&o.Drafts, "drafts", false, "include pages marked draft")
	return cmd
}

func runBuild(o *buildOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	defer proc.BatchGC()()
	return build.Run(context.Background(), build.Options{
		Project: p, Dest: o.Dest, BaseURL: o.BaseURL, Drafts: o.Drafts,
		Out: o.IO.Out, ErrOut: o.IO.ErrOut, Keys: o.DefaultKeys, Now: o.Now, Started: proc.YieldCPU,
	})
}
