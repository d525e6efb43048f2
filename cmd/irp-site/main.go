// Command irp-site is irp's site engine: Hugo as a library, the embedded
// theme and the search index (package irp/internal/site). Users run it
// through `irp build`, `irp serve` and `irp check`; this package is its
// command line: flags, usage, exit codes.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

const usage = `usage:
  irp-site build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--hold]
  irp-site serve [--source DIR] [--port N] [--bind ADDR] [--drafts]
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run runs irp-site with args and returns the exit code: 0 success, 1 the
// build failed, 2 a usage error.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "irp: site: missing command\n"+usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdin, stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "irp: site: unknown command %q\n%s", args[0], usage)
		return 2
	}
}

func newFlags(name string) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	return fl
}

// parse parses args and prints a one-line usage error; ok=false means
// return code.
func parse(fl *flag.FlagSet, verb string, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0, false
		}
		fmt.Fprintf(stderr, "irp: %s: %v\n", verb, err)
		return 2, false
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "irp: %s: unexpected argument %q\n", verb, fl.Arg(0))
		return 2, false
	}
	return 0, true
}

// prefixWriter prefixes every line written to it.
type prefixWriter struct {
	w      io.Writer
	prefix string
}

func (p prefixWriter) Write(b []byte) (int, error) {
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if line == "" {
			continue
		}
		if _, err := io.WriteString(p.w, p.prefix+line); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}
