// Package engine finds and runs irp-site, the binary that holds the Hugo site
// engine. The light irp binary never links Hugo; `irp build`, `irp serve` and
// the site part of `irp check` hand the work to irp-site, git-style.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
)

// Name is the file name of the site engine binary.
const Name = "irp-site"

// ErrNotFound is wrapped by Find's error when irp-site is nowhere to be found.
var ErrNotFound = errors.New(Name + " not found")

// Find returns the path of irp-site: first the one next to the running irp
// executable (how `make` lays out bin/), then the one on PATH.
func Find() (string, error) {
	var next string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		next = filepath.Dir(exe)
		p := filepath.Join(next, Name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	if p, err := exec.LookPath(Name); err == nil {
		return p, nil
	}
	where := "next to irp"
	if next != "" {
		where = "next to irp in " + next
	}
	return "", fmt.Errorf("%w %s or on PATH", ErrNotFound, where)
}

// Streams are where the child's output goes; nil discards it.
type Streams struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Run runs irp-site with args in dir and returns its exit code. err is only
// set when irp-site could not be found or started; a child that ran and
// failed reports it through the exit code (it prints its own errors).
func Run(ctx context.Context, dir string, args []string, s Streams) (code int, err error) {
	p, err := Start(ctx, dir, args, s)
	if err != nil {
		return 0, err
	}
	return p.Wait()
}

// Proc is a running irp-site.
type Proc struct {
	cmd  *exec.Cmd
	path string
}

// Start starts irp-site with args in dir; Wait for it.
func Start(ctx context.Context, dir string, args []string, s Streams) (*Proc, error) {
	path, err := Find()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Dir = dir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = s.Stdin, s.Stdout, s.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("run %s: %w", path, err)
	}
	return &Proc{cmd, path}, nil
}

// Signal sends sig to irp-site; an irp-site that has exited is no error.
func (p *Proc) Signal(sig os.Signal) error {
	if err := p.cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	return nil
}

// Wait waits for irp-site to exit and returns its exit code, as Run does.
func (p *Proc) Wait() (code int, err error) {
	code, err = exitCode(p.cmd.Wait(), p.path)
	if code == -1 {
		code = 1
	}
	return code, err
}

// Serve runs a long-lived irp-site (the preview server), forwarding SIGINT
// and SIGTERM to it. An interrupt that the child handles cleanly — or that
// ends it — counts as success: Ctrl-C is how a preview is meant to stop.
func Serve(dir string, args []string, s Streams) (code int, err error) {
	path, err := Find()
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = dir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = s.Stdin, s.Stdout, s.Stderr

	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("run %s: %w", path, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	interrupted := false
	for {
		select {
		case sig := <-sigs:
			interrupted = true
			// On a terminal the child usually gets Ctrl-C from the
			// process group too; sending it again is harmless.
			_ = cmd.Process.Signal(sig)
		case err := <-done:
			code, err := exitCode(err, path)
			if interrupted && err == nil && (code == 0 || code == 130 || code == 143 || code == -1) {
				return 0, nil
			}
			if code == -1 {
				code = 1
			}
			return code, err
		}
	}
}

// exitCode turns cmd.Wait's result into an exit code; -1 means the child
// was killed by a signal.
func exitCode(err error, path string) (int, error) {
	if err == nil {
		return 0, nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ee.ExitCode() < 0 {
			return -1, nil
		}
		return ee.ExitCode(), nil
	}
	return 0, fmt.Errorf("run %s: %w", path, err)
}
