package session

import (
	"fmt"
	"io"
	"strings"
)

// SplitNames reads a comma-separated list of handles from the command line,
// dropping blanks.
func SplitNames(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ReportFeed says on w which session pages the calendar feed left out.
func ReportFeed(w io.Writer, bad []error) {
	for _, err := range bad {
		fmt.Fprintf(w, "irp: calendar feed left out %v\n", err)
	}
}
