package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestEveryVerbHasExampleAndArgs: the spec asks for an example in every
// command's --help, and positional arguments checked (a wrong count is a
// usage error, exit 2). Group commands (vault, session, new) list their
// verbs and show examples of them.
func TestEveryVerbHasExampleAndArgs(t *testing.T) {
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		if c.HasSubCommands() && c.HasParent() && !strings.Contains(c.Example, c.CommandPath()+" ") {
			t.Errorf("%s: --help has no example of its verbs", c.CommandPath())
		}
		if c.Runnable() && !c.HasSubCommands() && c.Name() != "help" {
			n++
			if !strings.Contains(c.Example, c.CommandPath()) {
				t.Errorf("%s: --help has no example of %q", c.CommandPath(), c.CommandPath())
			}
			if c.Args == nil {
				t.Errorf("%s: positional arguments are not checked (set Args)", c.CommandPath())
			}
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(newRootCmd(newFactory(nil, nil, nil)))
	if n < 10 {
		t.Errorf("only %d verbs found", n)
	}
}

var update = flag.Bool("update", false, "rewrite testdata/help from the current --help output")

// TestHelpOutput: every command's --help prints exactly its golden file in
// testdata/help (named like the command's help file), and every golden
// file belongs to a command. After changing a help text on purpose, run
// go test ./cmd/irp -run TestHelpOutput -update and read the diff.
func TestHelpOutput(t *testing.T) {
	want := map[string]bool{}
	files, err := filepath.Glob("testdata/help/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		want[filepath.Base(f)] = true
	}
	for _, c := range allCommands(newRootCmd(newFactory(nil, nil, nil))) {
		name := helpName(c) + ".txt"
		delete(want, name)
		var out, errOut bytes.Buffer
		args := append(strings.Fields(c.CommandPath())[1:], "--help")
		if code := run(args, strings.NewReader(""), &out, &errOut); code != 0 || errOut.Len() > 0 {
			t.Errorf("%s --help: exit %d, stderr %q", c.CommandPath(), code, errOut.String())
		}
		golden := filepath.Join("testdata/help", name)
		if *update {
			if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if b, err := os.ReadFile(golden); err != nil {
			t.Errorf("%s: %v", c.CommandPath(), err)
		} else if got := out.String(); got != string(b) {
			t.Errorf("%s --help differs from %s:\n%s", c.CommandPath(), golden, got)
		}
	}
	for name := range want {
		if !*update {
			t.Errorf("testdata/help/%s: no command has this path", name)
		}
	}
}

// allCommands is c and every command under it.
func allCommands(c *cobra.Command) []*cobra.Command {
	all := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		all = append(all, allCommands(sub)...)
	}
	return all
}

// TestHelpFiles: every command has its file in help/, and every file
// there belongs to a command.
func TestHelpFiles(t *testing.T) {
	files, err := helpFiles.ReadDir("help")
	if err != nil {
		t.Fatal(err)
	}
	orphan := map[string]bool{}
	for _, f := range files {
		orphan[f.Name()] = true
	}
	for _, c := range allCommands(newRootCmd(newFactory(nil, nil, nil))) {
		name := helpName(c) + ".txt"
		if !orphan[name] {
			t.Errorf("%s: no help/%s", c.CommandPath(), name)
		}
		delete(orphan, name)
	}
	for name := range orphan {
		t.Errorf("help/%s: no command has this path", name)
	}
}
