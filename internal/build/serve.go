package build

import (
	"io"
	"net"
	"strconv"

	"irp/internal/engine"
	"irp/internal/problem"
	"irp/internal/project"
)

// ServeOptions are what the preview server needs from its caller.
type ServeOptions struct {
	Port        int    // TCP port; 0 picks a free one
	Bind        string // IP address to listen on, or "localhost"
	Drafts      bool   // include pages marked draft
	In          io.Reader
	Out, ErrOut io.Writer
}

// Validate reports a port or address that cannot be listened on as a usage
// error, before the project is even looked for.
func (o ServeOptions) Validate() error {
	if o.Port < 0 || o.Port > 65535 {
		return problem.Usagef("--port %d: not a port number (0-65535)", o.Port)
	}
	if net.ParseIP(o.Bind) == nil && o.Bind != "localhost" {
		return problem.Usagef("--bind %q: not an IP address", o.Bind)
	}
	return nil
}

// Serve runs irp-site's preview server on p until it stops (Ctrl-C stops
// it cleanly). problem.Found means irp-site failed and has said why.
func Serve(p project.Project, o ServeOptions) error {
	if err := o.Validate(); err != nil {
		return err
	}
	args := []string{"serve", "--source", p.Dir, "--port", strconv.Itoa(o.Port), "--bind", o.Bind}
	if o.Drafts {
		args = append(args, "--drafts")
	}
	code, err := engine.Serve("", args, engine.Streams{Stdin: o.In, Stdout: o.Out, Stderr: o.ErrOut})
	if err != nil {
		return err
	}
	return engineExit(code)
}
