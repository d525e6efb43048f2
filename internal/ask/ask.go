// Package ask puts a yes-or-no question to the person at the terminal,
// for the verbs that change something for good (irp vault retire, remove).
package ask

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"irp/internal/problem"
)

// ErrNotConfirmed means the answer was not yes.
var ErrNotConfirmed = errors.New("not confirmed: nothing changed")

// Confirm is a function that asks question on out and reads the answer
// from in, wanting y or yes. yes (--yes) answers it without asking;
// without a terminal to ask on (interactive false) --yes is required.
func Confirm(in io.Reader, out io.Writer, interactive, yes bool) func(question string) error {
	return func(question string) error {
		if yes {
			return nil
		}
		if !interactive {
			return problem.WithHint(problem.Usagef("%s Pass --yes to confirm (no terminal to ask on)", question), "run it again with --yes")
		}
		fmt.Fprintf(out, "%s [y/N] ", question)
		answer, _ := bufio.NewReader(in).ReadString('\n')
		switch strings.ToLower(strings.TrimSpace(answer)) {
		case "y", "yes":
			return nil
		}
		return ErrNotConfirmed
	}
}
