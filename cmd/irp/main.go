// Command irp runs incident response practice: the prep site, the sealed
// scenario vault, practice sessions and outage impact.
//
// This package only wires cobra to the packages under internal/. The
// command tree is built in one place, newRootCmd (root.go). Each verb lives
// in the file named after it (vault open → vault_open.go) as an options
// struct filled from flags and a run function that tests can call with a
// Factory of their own; errors become irp's one line in report (errors.go).
// A command's long help and examples are text in help/ (vault open →
// help/vault_open.txt), attached to the tree in one place (help.go).
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes irp with args and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(newFactory(stdin, stdout, stderr))
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteC()
	if name := cmd.Annotations[unknownVerb]; err == nil && name != "" {
		err = usageError(cmd, fmt.Errorf("unknown command %q for %q", name, cmd.CommandPath()))
	}
	return report(stderr, cmd, err)
}
