package build

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"filippo.io/age"

	"irp/internal/leak"
	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/vault"
)

// pendingLeaks is the leak check of content/, started while irp-site
// renders; finish adds the staged site to it.
type pendingLeaks struct {
	done    chan struct{}
	scanner *leak.Scanner
	found   []string
	err     error
}

// startLeakCheck opens the pool with keys and scans content/ in the
// background.
func startLeakCheck(p project.Project, keys func() ([]age.Identity, error)) *pendingLeaks {
	l := &pendingLeaks{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.scanner = vault.LeakScanner(p, keys)
		l.found, l.err = l.scanner.Scan("", p.Content())
	}()
	return l
}

// stagedSite is irp-site's staged build, before it is published.
type stagedSite struct {
	project project.Project
	dest    string // absolute path the site is published at
	dir     string // where the built site is until then (irp-site's staging directory)
	// suspects are the staged files that irp-site saw a key mark in while
	// writing them: every other file holds no private key.
	suspects []string
}

// finish looks in the staged site too, for sealed text and keys, and lists
// every leak found (under content/ or in s) on w.
func (l *pendingLeaks) finish(s stagedSite, w io.Writer) error {
	<-l.done
	l.scanner.SaySkipped(w)
	if l.err != nil {
		return fmt.Errorf("leak check: %w", l.err)
	}
	// Without sealed text to look for, only the files irp-site saw a key
	// mark in need reading.
	look := []string{s.dir}
	if len(l.scanner.Scenarios) == 0 {
		look = s.suspects
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
		found[i] = s.shown(f)
	}
	sort.Strings(found)
	for _, f := range found {
		fmt.Fprintln(w, f)
	}
	return problem.WithHint(fmt.Errorf("%d leak(s): nothing was published (%s is as it was)", len(found), s.project.Rel(s.dest)),
		l.scanner.Hint())
}

// shown is path as the user should read it: a file of the staged site
// under the publish directory it is going to.
func (s stagedSite) shown(path string) string {
	path = filepath.ToSlash(path)
	from := filepath.ToSlash(s.project.Rel(s.dir)) + "/"
	if rest, ok := strings.CutPrefix(path, from); ok {
		return filepath.ToSlash(s.project.Rel(s.dest)) + "/" + rest
	}
	return path
}
