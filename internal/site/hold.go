package site

import (
	"errors"
	"io"
)

// ErrNotPublished is BuildHeld's error when the caller did not say
// publish: the staged build was deleted, the published site is as it was.
var ErrNotPublished = errors.New("the staged build was not published")

// BuildHeld builds a staged site and publishes it only when the caller
// (irp build) says so: it writes the staged files that may hold a private
// key and where the build is to stdout, reads the verdict from stdin (see
// awaitPublish), then publishes or discards the build. An interrupt
// (SIGINT, SIGTERM) meanwhile deletes the staged build and exits 130.
func BuildHeld(o Options, stdin io.Reader, stdout io.Writer) (Result, error) {
	o.Stage = true
	stop := discardOnSignal(true)
	defer stop()
	res, err := Build(o)
	if err != nil {
		return Result{}, err
	}
	if !awaitPublish(res, stdin, stdout) {
		_ = Discard(res.Staged)
		return Result{}, ErrNotPublished
	}
	if err := Publish(res.Staged, res.Dest); err != nil {
		_ = Discard(res.Staged)
		return Result{}, err
	}
	return res, nil
}
