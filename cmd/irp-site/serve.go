package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"irp/internal/site"
)

// runServe serves a live-reloading preview until interrupted.
func runServe(args []string, stdout, stderr io.Writer) int {
	var (
		o    site.Options
		port int
		bind string
	)
	fl := newFlags("serve")
	fl.StringVar(&o.Source, "source", ".", "project directory (holds config.toml)")
	fl.IntVar(&port, "port", 1313, "port to listen on")
	fl.StringVar(&bind, "bind", "127.0.0.1", "address to listen on")
	fl.BoolVar(&o.Drafts, "drafts", false, "include draft pages")
	if code, ok := parse(fl, "serve", args, stdout, stderr); !ok {
		return code
	}
	if port < 0 || port > 65535 {
		fmt.Fprintf(stderr, "irp: serve: --port %d: not a port number (0-65535)\n", port)
		return 2
	}
	if net.ParseIP(bind) == nil && bind != "localhost" {
		fmt.Fprintf(stderr, "irp: serve: --bind %q: not an IP address\n", bind)
		return 2
	}
	o.Warnings = prefixWriter{w: stderr, prefix: "irp: serve: "}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := site.Serve(ctx, o, net.JoinHostPort(bind, strconv.Itoa(port)), stdout, stderr); err != nil {
		printErr(stderr, "serve", err)
		return 1
	}
	return 0
}
