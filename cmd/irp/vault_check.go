package main

import (
	"fmt"
	"sort"

	"filippo.io/age"

	"irp/internal/leak"
	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/vault"
)

// The leak check of irp build: look for sealed text and private keys in
// what gets published. irp check's vault steps are in internal/check.

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
		l.scanner.Hint())
}

// leakScanner is the leak check of p with the caller's default identity.
func leakScanner(f *Factory, p project.Project) *leak.Scanner {
	return vault.LeakScanner(p, func() ([]age.Identity, error) {
		keys, err := f.Keys(nil)
		return keys.ids, err
	})
}
