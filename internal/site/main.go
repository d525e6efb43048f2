// Package site builds and serves the prep site with Hugo as a library.
package site

import (
	"fmt"
	"io"
)

// Main runs the site engine with args and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "irp-site: the site engine is being written (issue 3)")
	return 1
}
