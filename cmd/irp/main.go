// Command irp runs incident response practice: the prep site, the sealed
// scenario vault, practice sessions and outage impact.
//
// This package only wires cobra to the packages under internal/. Each verb
// lives in the file named after it (vault open → vault_open.go) and adds
// itself to the command tree with addCommand.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"irp/internal/ledger"
	"irp/internal/problem"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes irp with args and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return problem.ExitOK
	}
	if strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "unknown flag") {
		err = problem.WithHint(problem.Usage(err), "run 'irp --help' for the list of commands")
	}
	var le *ledger.LineError
	if errors.As(err, &le) && le.Tampered && problem.Hint(err) == "" {
		err = problem.WithHint(err, "restore vault/ledger.jsonl from git (git log -p vault/ledger.jsonl); the ledger is append-only")
	}
	if err != problem.Found {
		fmt.Fprintf(stderr, "irp: %s\n", err)
		if h := problem.Hint(err); h != "" {
			fmt.Fprintf(stderr, "hint: %s\n", h)
		}
	}
	return problem.Code(err)
}

// batchGC is for the commands that read the whole content tree once and
// exit (build, check): the garbage collector waits until the heap nears
// 512 MiB instead of running every few megabytes, which on a 2,000-page
// site saves a fifth of the lint's CPU. It returns the undo.
func batchGC() (undo func()) {
	gc := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(512 << 20)
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(gc)
	}
}
