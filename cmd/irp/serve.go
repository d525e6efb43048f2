package main

import (
	"fmt"
	"net"
	"strconv"

	"github.com/spf13/cobra"

	"irp/internal/engine"
	"irp/internal/problem"
	"irp/internal/project"
)

func init() { addCommand("", newServeCmd) }

func newServeCmd() *cobra.Command {
	var (
		port   int
		bind   string
		drafts bool
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site, rebuilding and reloading the browser on every change",
		Long: `serve builds the site in memory with the irp-site engine and serves it,
by default on http://127.0.0.1:1313/. Saving a page rebuilds it and reloads
the browser. Ctrl-C stops it.`,
		Example: `  irp serve
  irp serve --port 8080 --bind 0.0.0.0`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if port < 0 || port > 65535 {
				return problem.Usagef("serve: --port %d: not a port number (0-65535)", port)
			}
			if net.ParseIP(bind) == nil && bind != "localhost" {
				return problem.Usagef("serve: --bind %q: not an IP address", bind)
			}
			p, err := project.Find(".")
			if err != nil {
				return err
			}
			args := []string{"serve", "--source", p.Dir, "--port", strconv.Itoa(port), "--bind", bind}
			if drafts {
				args = append(args, "--drafts")
			}
			code, err := engine.Serve("", args, engine.Streams{
				Stdin: cmd.InOrStdin(), Stdout: cmd.OutOrStdout(), Stderr: cmd.ErrOrStderr()})
			if err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			return engineExit(code)
		},
	}
	f := cmd.Flags()
	f.IntVar(&port, "port", 1313, "TCP port to listen on (0 picks a free one)")
	f.StringVar(&bind, "bind", "127.0.0.1", "IP address to listen on (0.0.0.0 for every interface)")
	f.BoolVar(&drafts, "drafts", false, "include pages marked draft")
	return cmd
}
