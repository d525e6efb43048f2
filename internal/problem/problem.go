// Package problem carries what a command needs to report a failure: the exit
// code and, where there is a next step, a hint line.
package problem

import (
	"errors"
	"fmt"
)

// Exit codes shared by every command.
const (
	ExitOK      = 0 // success
	ExitProblem = 1 // the command ran and found a problem
	ExitUsage   = 2 // the command line was wrong
)

// Found is returned by a command that has already printed its findings and
// only needs the process to exit 1.
var Found = errors.New("problems found")

type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// Usage marks err as a mistake in the command line (exit 2).
func Usage(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err}
}

// Usagef is Usage with a formatted message.
func Usagef(format string, args ...any) error { return Usage(fmt.Errorf(format, args...)) }

type hintError struct {
	err  error
	hint string
}

func (e hintError) Error() string { return e.err.Error() }
func (e hintError) Unwrap() error { return e.err }

// WithHint attaches a next step that is printed on its own line after the error.
func WithHint(err error, hint string) error {
	if err == nil {
		return nil
	}
	return hintError{err, hint}
}

// Hint returns the first hint attached anywhere in err's chain, or "".
func Hint(err error) string {
	var h hintError
	if errors.As(err, &h) {
		return h.hint
	}
	return ""
}

// Code returns the exit code for err.
func Code(err error) int {
	var u usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &u):
		return ExitUsage
	default:
		return ExitProblem
	}
}
