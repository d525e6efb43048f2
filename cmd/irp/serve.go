package main

import (
	"net"
	"strconv"

	"github.com/spf13/cobra"

	"irp/internal/engine"
	"irp/internal/problem"
)

type serveOptions struct {
	*Factory
	Port   int
	Bind   string
	Drafts bool
}

func newServeCmd(f *Factory, runF func(*serveOptions) error) *cobra.Command {
	o := &serveOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site, rebuilding and reloading the browser on every change",
		Long: `serve builds the site in memory with the irp-site engine and serves it,
by default on http://127.0.0.1:1313/. Saving a page rebuilds it and reloads
the browser. Ctrl-C stops it.`,
		Example: `  irp serve
  irp serve --port 8080 --bind 0.0.0.0`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runOr(runF, runServe, o) },
	}
	fl := cmd.Flags()
	fl.IntVar(&o.Port, "port", 1313, "TCP port to listen on (0 picks a free one)")
	fl.StringVar(&o.Bind, "bind", "127.0.0.1", "IP address to listen on (0.0.0.0 for every interface)")
	fl.BoolVar(&o.Drafts, "drafts", false, "include pages marked draft")
	return cmd
}

func runServe(o *serveOptions) error {
	if o.Port < 0 || o.Port > 65535 {
		return problem.Usagef("--port %d: not a port number (0-65535)", o.Port)
	}
	if net.ParseIP(o.Bind) == nil && o.Bind != "localhost" {
		return problem.Usagef("--bind %q: not an IP address", o.Bind)
	}
	p, err := o.Project()
	if err != nil {
		return err
	}
	args := []string{"serve", "--source", p.Dir, "--port", strconv.Itoa(o.Port), "--bind", o.Bind}
	if o.Drafts {
		args = append(args, "--drafts")
	}
	code, err := engine.Serve("", args, engine.Streams{Stdin: o.IO.In, Stdout: o.IO.Out, Stderr: o.IO.ErrOut})
	if err != nil {
		return err
	}
	return engineExit(code)
}
