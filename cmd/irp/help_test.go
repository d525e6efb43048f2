package main

import (
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
