package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"irp/internal/leak"
	"irp/internal/ledger"
	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/scenario"
	"irp/internal/vault"
)

// The vault steps of irp check and irp build: verify the sealed files
// against vault/recipients, and look for sealed text and private keys in
// what gets published.

// checkVault verifies every sealed file is addressed to vault/recipients.
func checkVault(r *checkRun) error {
	v, err := vault.Load(r.project)
	if err != nil {
		fmt.Fprintln(r.cmd.OutOrStdout(), err)
		r.findings++
		return nil
	}
	files, err := v.Files()
	if err != nil {
		return fmt.Errorf("check: vault: %w", err)
	}
	if len(files) == 0 {
		return nil
	}
	if !v.HasFile {
		fmt.Fprintf(r.cmd.OutOrStdout(), "%s: missing, but %d sealed file(s) exist (run irp vault init)\n", r.project.Rel(v.RecipientsFile()), len(files))
		r.findings++
		return nil
	}
	probs, err := v.Verify(nil)
	if err != nil {
		return fmt.Errorf("check: vault: %w", err)
	}
	for _, p := range probs {
		fmt.Fprintln(r.cmd.OutOrStdout(), p)
	}
	r.findings += len(probs)
	r.ok = append(r.ok, fmt.Sprintf("%d sealed files", len(files)))
	return nil
}

// checkLeak looks under content/ and in the scratch build of the site for
// sealed text and private keys.
func checkLeak(r *checkRun) error {
	found, covered, err := leakCheck(r.project, r.cmd.ErrOrStderr(), r.site, r.project.Content())
	if err != nil {
		return fmt.Errorf("check: leak check: %w", err)
	}
	for _, f := range found {
		fmt.Fprintln(r.cmd.OutOrStdout(), f)
	}
	r.findings += len(found)
	if covered != "" {
		r.ok = append(r.ok, covered)
	}
	return nil
}

// pendingLeaks is the leak check of content/ that irp build starts while
// irp-site renders; buildLeak adds the staged site to it.
type pendingLeaks struct {
	done    chan struct{}
	scanner *leakScanner
	found   []string
	err     error
}

// startBuildLeak opens the pool and scans content/ in the background.
func startBuildLeak(r *buildRun) {
	l := &pendingLeaks{done: make(chan struct{})}
	r.leaks = l
	go func() {
		defer close(l.done)
		l.scanner = newLeakScanner(r.project)
		l.found, l.err = l.scanner.scan("", r.project.Content())
	}()
}

// buildLeak looks in content/ and the staged site for sealed text and keys.
func buildLeak(r *buildRun) error {
	l := r.leaks
	<-l.done
	l.scanner.sayIfSkipped(r.cmd.ErrOrStderr())
	if l.err != nil {
		return fmt.Errorf("build: leak check: %w", l.err)
	}
	// Without sealed text to look for, only the files irp-site saw a key
	// mark in need reading.
	look := []string{r.out}
	if len(l.scanner.scenarios) == 0 {
		look = r.suspects
	}
	found, err := l.scanner.scan("", look...)
	if err != nil {
		return fmt.Errorf("build: leak check: %w", err)
	}
	found = append(found, l.found...)
	if len(found) == 0 {
		return nil
	}
	for i, f := range found {
		found[i] = r.shown(f)
	}
	sort.Strings(found)
	for _, f := range found {
		fmt.Fprintln(r.cmd.ErrOrStderr(), f)
	}
	return problem.WithHint(fmt.Errorf("build: %d leak(s): nothing was published (%s is as it was)", len(found), r.project.Rel(r.dest)),
		"remove the passages (or retire the scenario with irp vault retire), then build again")
}

// leakCheck opens the sealed scenarios still in the pool with the caller's
// default identity and scans dirs, and scratch (a throwaway build of the
// site, "" for none). Without an identity that opens them, it says so on
// stderr and checks for private keys only. It returns the findings as
// file:line: message lines and a word on what was covered ("" when there
// is nothing sealed). A finding in scratch is listed as "site build: PATH"
// and only when dirs hold no copy of it: it came from outside content/.
func leakCheck(p project.Project, stderr io.Writer, scratch string, dirs ...string) ([]string, string, error) {
	l := newLeakScanner(p)
	l.sayIfSkipped(stderr)
	found, err := l.scan(scratch, dirs...)
	if err != nil {
		return nil, "", err
	}
	return found, l.covered(), nil
}

// leakScanner looks for the sealed scenarios of the pool, as far as the
// caller's identity opens them, and for private keys.
type leakScanner struct {
	project   project.Project
	scenarios map[string]*scenario.Scenario
	skipped   string // why sealed text is not looked for; "" when it is
}

func newLeakScanner(p project.Project) *leakScanner {
	scenarios, skipped := poolScenarios(p)
	return &leakScanner{p, scenarios, skipped}
}

func (l *leakScanner) sayIfSkipped(stderr io.Writer) {
	if l.skipped != "" {
		fmt.Fprintf(stderr, "leak check of sealed text skipped: %s (the private-key check still ran)\n", l.skipped)
	}
}

// covered is a word on what a clean scan shows.
func (l *leakScanner) covered() string {
	switch {
	case l.skipped != "":
		return "no private keys"
	case len(l.scenarios) > 0:
		return fmt.Sprintf("no leaks of %d sealed scenarios or keys", len(l.scenarios))
	}
	return ""
}

// scan is leakCheck's scan of dirs and scratch.
func (l *leakScanner) scan(scratch string, dirs ...string) ([]string, error) {
	p := l.project
	all := dirs
	if scratch != "" {
		all = append(dirs[:len(dirs):len(dirs)], scratch)
	}
	found, err := leak.Check(l.scenarios, all)
	if err != nil {
		return nil, err
	}
	var out []string
	type what struct{ kind, scenario, section string }
	seen := map[what]bool{}
	var built []leak.Finding
	for _, f := range found {
		if rel, err := filepath.Rel(scratch, f.File); scratch != "" && err == nil && filepath.IsLocal(rel) {
			f.File = rel
			built = append(built, f)
			continue
		}
		seen[what{f.Kind, f.Scenario, f.Section}] = true
		out = append(out, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(p.Rel(f.File)), f.Line, f.Message()))
	}
	for _, f := range built {
		if !seen[what{f.Kind, f.Scenario, f.Section}] {
			out = append(out, fmt.Sprintf("site build: %s:%d: %s", filepath.ToSlash(f.File), f.Line, f.Message()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// poolScenarios decrypts the scenarios not yet retired, or says why it
// could not.
func poolScenarios(p project.Project) (map[string]*scenario.Scenario, string) {
	v, err := vault.Load(p)
	if err != nil {
		return nil, err.Error()
	}
	ids, err := v.IDs()
	if err != nil {
		return nil, err.Error()
	}
	if len(ids) == 0 {
		return nil, ""
	}
	entries, err := ledger.Read(v.LedgerFile())
	if err != nil {
		return nil, err.Error()
	}
	home, _ := os.UserHomeDir()
	keys, _, err := vault.LoadIdentities(nil, os.Getenv, home)
	if err != nil {
		return nil, err.Error()
	}
	out := map[string]*scenario.Scenario{}
	for _, id := range ids {
		if ledger.IsRetired(entries, id) {
			continue
		}
		s, err := v.Open(id, keys)
		if errors.Is(err, vault.ErrNoKey) {
			return nil, "your identity does not open " + p.Rel(v.ScenarioFile(id))
		}
		if err != nil {
			return nil, err.Error()
		}
		out[id] = s
	}
	return out, ""
}
