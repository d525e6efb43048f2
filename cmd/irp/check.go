package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/buildproto"
	"irp/internal/engine"
	"irp/internal/leak"
	"irp/internal/lint"
	"irp/internal/problem"
	"irp/internal/project"
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

// checkRun is the state shared by the steps of one `irp check`.
type checkRun struct {
	*Factory
	project  project.Project
	findings int      // found so far, by every step
	ok       []string // what passed, for the closing "ok: ..." line
	site     string   // scratch build of the site, for the leak check; removed at the end
	pool     *leak.Scanner
}

// scanner is the leak check's scanner with the pool opened once, shared by
// the scenario rules and the leak step.
func (r *checkRun) scanner() *leak.Scanner {
	if r.pool == nil {
		r.pool = leakScanner(r.Factory, r.project)
	}
	return r.pool
}

// checkSteps are the parts of `irp check`, run in order. A step prints its
// own findings (file:line: message, on stdout), adds their number to
// r.findings and notes what it covered in r.ok; it returns an error only
// when it could not run at all. The vault steps (verify, leak check) go
// after "site".
func checkSteps() []checkStep {
	return []checkStep{
		{"content", checkContent},
		{"site", checkSite},
		{"vault", checkVault},         // vault_check.go
		{"scenarios", checkScenarios}, // check_scenarios.go
		{"ledger", checkLedger},       // session_ledger.go
		{"followups", checkFollowups}, // session_followup.go
		{"people", checkPeople},       // people.go
		{"trend", checkTrend},         // team.go
		{"leak", checkLeak},
	}
}

type checkStep struct {
	name string
	run  func(r *checkRun) error
}

func runCheck(o *checkOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	defer batchGC()()
	r := &checkRun{Factory: o.Factory, project: p}
	defer func() {
		if r.site != "" {
			os.RemoveAll(r.site)
		}
	}()
	for _, s := range checkSteps() {
		if err := s.run(r); err != nil {
			return err
		}
	}
	if r.findings > 0 {
		fmt.Fprintf(r.IO.ErrOut, "%d finding%s\n", r.findings, plural(r.findings))
		return problem.Found
	}
	fmt.Fprintf(r.IO.Out, "ok: %s\n", strings.Join(r.ok, ", "))
	return nil
}

// checkContent lints content/: links, anchors, cheat-sheets, titles.
func checkContent(r *checkRun) error {
	rep, err := lint.Check(r.project)
	if err != nil {
		return err
	}
	printFindings(r.IO.Out, rep.Findings)
	printRawHTMLNote(r.IO.ErrOut, rep)
	r.findings += len(rep.Findings)
	r.ok = append(r.ok, fmt.Sprintf("%d pages, %d cheat-sheets", rep.Pages, rep.CheatSheets))
	return nil
}

func printFindings(w io.Writer, fs []lint.Finding) {
	for _, f := range fs {
		fmt.Fprintln(w, f)
	}
}

// printRawHTMLNote says once which pages carry raw HTML (README, "Raw
// HTML in content").
func printRawHTMLNote(w io.Writer, rep *lint.Report) {
	if note := rep.RawHTMLNote(); note != "" {
		fmt.Fprintln(w, "note: "+note)
	}
}

// checkSite builds the site into a scratch directory to catch what only
// Hugo sees (templates, shortcodes). It needs irp-site; without it the step
// is skipped with a note and does not fail the check.
func checkSite(r *checkRun) error {
	stderr := r.IO.ErrOut
	if _, err := engine.Find(); errors.Is(err, engine.ErrNotFound) {
		fmt.Fprintln(stderr, "site build skipped: irp-site not found")
		return nil
	}
	if r.findings > 0 {
		fmt.Fprintln(stderr, "site build skipped: fix the findings above first")
		return nil
	}
	tmp, err := os.MkdirTemp("", "irp-check-")
	if err != nil {
		return fmt.Errorf("scratch directory for the site build: %w", err)
	}
	r.site = tmp // the leak check scans it too
	// irp-site says "irp: build: …"; here that build is a step of the check.
	relabeled := buildproto.Relabel(stderr, "build", "check: site build")
	code, err := engine.Run(context.Background(), "", []string{"build", "--source", r.project.Dir, "--dest", tmp},
		engine.Streams{Stdout: io.Discard, Stderr: relabeled})
	relabeled.Flush()
	if err != nil {
		return fmt.Errorf("site build: %w", err)
	}
	if code != 0 {
		r.findings++
		return nil
	}
	r.ok = append(r.ok, "site builds")
	return nil
}
