package cheatsheet

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// validName is a tool name that is safe as a file name and a URL path.
var validName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`) })

// Errors wrapped by Create.
var (
	ErrBadName = errors.New("bad tool name")       // the name is not usable
	ErrExists  = errors.New("page already exists") // Create never overwrites
)

// CheckName reports whether name can name a cheat-sheet.
func CheckName(name string) error {
	switch {
	case strings.HasSuffix(name, ".md"):
		return fmt.Errorf("%w %q: give the tool's name without .md", ErrBadName, name)
	case len(name) > 64 || !validName().MatchString(name):
		return fmt.Errorf("%w %q: use lowercase letters, digits, '-', '.' and '_', starting with a letter or digit", ErrBadName, name)
	}
	return nil
}

// Scaffold returns a new cheat-sheet for the tool name: every field and
// section of the schema, with a TODO wherever the author has to write.
func Scaffold(name string) []byte {
	return []byte(strings.NewReplacer("NAME", name, "FENCE", "```").Replace(scaffold))
}

const scaffold = `---
title: "NAME"
summary: "TODO: one line on what NAME tells a responder"
platform: "TODO: SmartOS, Manta, Node.js, PostgreSQL or any"
components: ["TODO: any, or the names of the components/ pages it looks at"]
manta: ["v1", "v2"]      # the Manta versions this is true for: drop one if it applies to only one
sources:
  - title: "TODO: the upstream man page, README or guide the facts come from"
    url: "https://TODO"
related: []
symptoms: ["TODO: the words a responder would type before knowing the tool, e.g. zone out of memory"]
---

## When to reach for it

TODO: the question NAME answers during an incident, in two or three sentences.

## Examples

<!--
TODO: 3 to 10 examples, then delete this comment. Each example is a one-line
description, then the command in a sh code block, with {{placeholders}} for
what the reader fills in. A command that changes the system (restarts,
disables, writes, runs on every zone or node) is marked invasive:

Restart a service.

FENCEsh {invasive=true}
svcadm restart {{fmri}}
FENCE
-->

## Reading the output

TODO: the columns or fields that matter, and what bad looks like.

## Pitfalls

TODO: what misleads people, and what the tool cannot tell you.
`

// Create writes the scaffold for name to contentDir/tools/name.md and
// returns its path. It never overwrites an existing page: then the error
// wraps ErrExists and the path is still returned.
func Create(contentDir, name string) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	dir := filepath.Join(contentDir, "tools")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("new tool %s: %w", name, err)
	}
	path := filepath.Join(dir, name+".md")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return path, fmt.Errorf("new tool %s: %s: %w", name, path, ErrExists)
	}
	if err != nil {
		return "", fmt.Errorf("new tool %s: %w", name, err)
	}
	if _, err := f.Write(Scaffold(name)); err != nil {
		f.Close()
		os.Remove(path)
		return "", fmt.Errorf("new tool %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return "", fmt.Errorf("new tool %s: %w", name, err)
	}
	return path, nil
}
