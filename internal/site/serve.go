package site

import (
	"fmt"
	"io"
)

func mainServe(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "irp: serve: not written yet")
	return 1
}
