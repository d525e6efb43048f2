package site

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
)

// ErrorLines is err as the lines to print, each to be prefixed with
// "irp: <verb>: ": one per finding of a BuildError, else the error on one
// line.
func ErrorLines(err error) []string {
	var be *BuildError
	if errors.As(err, &be) {
		return be.Lines
	}
	return []string{strings.ReplaceAll(err.Error(), "\n", " ")}
}

// printErr prints err as ErrorLines, prefixed; the preview server uses it
// for a rebuild that failed.
func printErr(stderr io.Writer, verb string, err error) {
	for _, l := range ErrorLines(err) {
		fmt.Fprintf(stderr, "irp: %s: %s\n", verb, l)
	}
}

// IsTerminal reports whether w is a terminal (progress is shown only there).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
