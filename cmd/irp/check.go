package main

import (
	"context"

	"github.com/spf13/cobra"

	"irp/internal/check"
)

type checkOptions struct{ *Factory }

func newCheckCmd(f *Factory, runF func(*checkOptions) error) *cobra.Command {
	o := &checkOptions{f}
	return &cobra.Command{
		Use:   "check",
		Short: "Lint the content, test-build the site, verify the vault, look for leaks",
		Long: `check finds everything that would break the site or leak a scenario, and
lists each finding on stdout as file:line: message (paths relative to the
project), with the count on stderr.

It checks internal links and anchors, every cheat-sheet against the schema
(front matter, the Manta versions it applies to, the four sections, 3-10
examples, invasive commands marked), that every GitHub source is pinned to
a commit, duplicate titles and malformed front matter; then builds the site into a
scratch directory with irp-site to catch template errors (skipped, with a
note, when irp-site is not installed); then verifies the vault, follows
the hash chain of vault/ledger.jsonl (an earlier line edited or removed is
a finding), holds each sealed scenario your identity opens to the pool's
rules (its Manta versions, components that have pages) and looks for
sealed scenario text and private keys under
content/ and in that scratch build (text that reaches the site from
elsewhere is listed as "site build: PATH").

Exit status 1 when anything is found, 0 otherwise.`,
		Example: `  irp check
  irp check && irp build`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runOr(runF, runCheck, o) },
	}
}

func runCheck(o *checkOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	defer batchGC()()
	return check.Run(context.Background(), check.Options{
		Project: p, Out: o.IO.Out, ErrOut: o.IO.ErrOut, Now: o.Now,
		Keys: o.DefaultKeys,
	})
}
