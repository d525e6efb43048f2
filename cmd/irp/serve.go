package main

import (
	"github.com/spf13/cobra"

	"irp/internal/build"
)

type serveOptions struct {
	*Factory
	build.ServeOptions
}

func newServeCmd(f *Factory, runF func(*serveOptions) error) *cobra.Command {
	o := &serveOptions{Factory: f}
	cmd := verb("serve", "Preview the site, rebuilding and reloading the browser on every change",
		cobra.NoArgs, o, nil, runF, runServe)
	fl := cmd.Flags()
	fl.IntVar(&o.Port, "port", 1313, "TCP port to listen on (0 picks a free one)")
	fl.StringVar(&o.Bind, "bind", "127.0.0.1", "IP address to listen on (0.0.0.0 for every interface)")
	fl.BoolVar(&o.Drafts, "drafts", false, "include pages marked draft")
	return cmd
}

func runServe(o *serveOptions) error {
	so := o.ServeOptions
	so.In, so.Out, so.ErrOut = o.IO.In, o.IO.Out, o.IO.ErrOut
	if err := so.Validate(); err != nil { // a wrong flag first, even outside a project
		return err
	}
	p, err := o.Project()
	if err != nil {
		return err
	}
	return build.Serve(p, so)
}
