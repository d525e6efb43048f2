package main

import (
	"errors"
	"fmt"
	"sort"

	"irp/internal/leak"
	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/vault"
)

// The vault steps of irp check and irp build: verify the sealed files
// against vault/recipients, and look for sealed text and private keys in
// what gets published.

// checkVault verifies every sealed file is addressed to vault/recipients.
func checkVault(r *checkRun) error {
	v, err := vault.Load(r.project)
	if err != nil {
		fmt.Fprintln(r.IO.Out, err)
		r.findings++
		return nil
	}
	files, err := v.Files()
	if err != nil {
		return fmt.Errorf("vault: %w", err)
	}
	if len(files) == 0 {
		return nil
	}
	if !v.HasFile {
		fmt.Fprintf(r.IO.Out, "%s: missing, but %d sealed file(s) exist (run irp vault init)\n", r.project.Rel(v.RecipientsFile()), len(files))
		r.findings++
		return nil
	}
	probs, err := v.Verify(nil)
	if err != nil {
		return fmt.Errorf("vault: %w", err)
	}
	for _, p := range probs {
		fmt.Fprintln(r.IO.Out, p)
	}
	r.findings += len(probs)
	r.ok = append(r.ok, fmt.Sprintf("%d sealed files", len(files)))
	return nil
}

// checkLeak looks under content/ and in the scratch build of the site for
// sealed text and private keys.
func checkLeak(r *checkRun) error {
	l := leakScanner(r.Factory, r.project)
	l.SaySkipped(r.IO.ErrOut)
	found, err := l.Scan(r.site, r.project.Content())
	if err != nil {
		return fmt.Errorf("leak check: %w", err)
	}
	for _, f := range found {
		fmt.Fprintln(r.IO.Out, f)
	}
	r.findings += len(found)
	if covered := l.Covered(); covered != "" {
		r.ok = append(r.ok, covered)
	}
	return nil
}

// pendingLeaks is the leak check of content/ that irp build starts while
// irp-site renders; buildLeak adds the staged site to it.
type pendingLeaks struct {
	done    chan struct{}
	scanner *leak.Scanner
	found   []string
	err     error
}

// startBuildLeak opens the pool and scans content/ in the background.
func startBuildLeak(r *buildRun) {
	l := &pendingLeaks{done: make(chan struct{})}
	r.leaks = l
	go func() {
		defer close(l.done)
		l.scanner = leakScanner(r.Factory, r.project)
		l.found, l.err = l.scanner.Scan("", r.project.Content())
	}()
}

// buildLeak looks in content/ and the staged site for sealed text and keys.
func buildLeak(r *buildRun) error {
	l := r.leaks
	<-l.done
	l.scanner.SaySkipped(r.IO.ErrOut)
	if l.err != nil {
		return fmt.Errorf("leak check: %w", l.err)
	}
	// Without sealed text to look for, only the files irp-site saw a key
	// mark in need reading.
	look := []string{r.out}
	if len(l.scanner.Scenarios) == 0 {
		look = r.suspects
	}
	found, err := l.scanner.Scan("", look...)
	if err != nil {
		return fmt.Errorf("leak check: %w", err)
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
		fmt.Fprintln(r.IO.ErrOut, f)
	}
	return problem.WithHint(fmt.Errorf("%d leak(s): nothing was published (%s is as it was)", len(found), r.project.Rel(r.dest)),
		"remove the passages (or retire the scenario with irp vault retire), then build again")
}

// leakScanner is the leak check of p: the scenarios of the pool as far as
// the caller's default identity opens them, or why it could not open them.
func leakScanner(f *Factory, p project.Project) *leak.Scanner {
	l := &leak.Scanner{Rel: p.Rel}
	v, err := vault.Load(p)
	if err != nil {
		l.Skipped = err.Error()
		return l
	}
	if ids, err := v.IDs(); err != nil || len(ids) == 0 {
		if err != nil {
			l.Skipped = err.Error()
		}
		return l
	}
	keys, err := f.Keys(nil)
	if err == nil {
		l.Scenarios, err = v.OpenPool(keys.ids)
	}
	var nk *vault.NoKeyError
	switch {
	case errors.As(err, &nk):
		l.Skipped = "your identity does not open " + nk.File
	case err != nil:
		l.Skipped = err.Error()
	}
	if err != nil {
		l.Scenarios = nil
	}
	return l
}
