// Package iostreams is where a command reads and writes, and whether a
// person is at the other end of each stream (as cli/cli's iostreams).
package iostreams

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are where a command reads and writes.
type IOStreams struct {
	In          io.Reader
	Out, ErrOut io.Writer
}

// IsTerminal reports whether the command's input is a terminal.
func (s IOStreams) IsTerminal() bool { return isTerminal(s.In) }

// OutIsTerminal reports whether a person watches the command's output.
func (s IOStreams) OutIsTerminal() bool { return isTerminal(s.Out) }

// ErrIsTerminal reports whether a person watches its errors and progress.
func (s IOStreams) ErrIsTerminal() bool { return isTerminal(s.ErrOut) }

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
