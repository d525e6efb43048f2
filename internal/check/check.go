// Package check is `irp check`: it runs every check irp knows on a project
// — the content lint, a test build of the site, the vault, the scenario
// rules, the ledger's hash chain, follow-ups, people, the trend chart and
// the leak scan — and lists each finding on one line.
//
// Findings go to Options.Out as file:line: message (paths relative to the
// project); their count, notes and skipped steps go to Options.ErrOut. A
// clean project ends with one "ok: ..." line naming what was checked.
package check

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"filippo.io/age"

	"irp/internal/leak"
	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/vault"
)

// Options are what one check needs from its caller.
type Options struct {
	Project     project.Project
	Out, ErrOut io.Writer
	// Keys loads the caller's identities, to open the pool; called at most
	// once, and only when there are sealed scenarios.
	Keys func() ([]age.Identity, error)
	// Now is the clock for overdue follow-ups; nil means time.Now.
	Now func() time.Time
}

// Run checks o.Project. It returns problem.Found when it found anything
// (the findings and their count are printed), another error when a step
// could not run at all, and nil after printing the "ok: ..." line.
func Run(ctx context.Context, o Options) error {
	if o.Now == nil {
		o.Now = time.Now
	}
	r := &run{Options: o, ctx: ctx}
	defer func() {
		if r.site != "" {
			os.RemoveAll(r.site)
		}
	}()
	for _, s := range steps {
		if err := s(r); err != nil {
			return err
		}
	}
	if r.findings > 0 {
		fmt.Fprintf(r.ErrOut, "%d finding%s\n", r.findings, plural(r.findings))
		return problem.Found
	}
	fmt.Fprintf(r.Out, "ok: %s\n", strings.Join(r.ok, ", "))
	return nil
}

// steps are the parts of a check, run in order. A step prints its own
// findings (file:line: message, on Out), adds their number to r.findings
// and notes what it covered in r.ok; it returns an error only when it
// could not run at all. The vault steps go after the site build, whose
// output the leak step scans.
var steps = []func(*run) error{
	contentStep,
	siteStep,
	vaultStep,
	scenariosStep,
	ledgerStep,
	followupsStep,
	peopleStep,
	trendStep,
	leakStep,
}

// run is the state shared by the steps of one check.
type run struct {
	Options
	ctx      context.Context
	findings int      // found so far, by every step
	ok       []string // what passed, for the closing "ok: ..." line
	site     string   // scratch build of the site, for the leak step; removed at the end
	pool     *leak.Scanner
}

// scanner is the leak scanner with the pool opened once, shared by the
// scenario rules and the leak step.
func (r *run) scanner() *leak.Scanner {
	if r.pool == nil {
		r.pool = vault.LeakScanner(r.Project, r.Keys)
	}
	return r.pool
}

// finding prints one finding and counts it.
func (r *run) finding(f any) {
	fmt.Fprintln(r.Out, f)
	r.findings++
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
