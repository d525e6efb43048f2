package main

import (
	"embed"
	"strings"

	"github.com/spf13/cobra"
)

// helpFiles hold the long help of every command, one file per command
// path: the Long text, then "Examples:" and the examples.
//
//go:embed help/*.txt
var helpFiles embed.FS

// attachHelp sets the Long and Example text of c and every command under
// it from its file in help/ (TestHelpFiles checks that each has one).
func attachHelp(c *cobra.Command) {
	if text, err := helpFiles.ReadFile("help/" + helpName(c) + ".txt"); err == nil {
		c.Long, c.Example = splitHelp(string(text))
	}
	for _, sub := range c.Commands() {
		attachHelp(sub)
	}
}

// helpName names c's help file: "irp vault open" → vault_open, the root → irp.
func helpName(c *cobra.Command) string {
	return strings.ReplaceAll(strings.TrimPrefix(c.CommandPath(), "irp "), " ", "_")
}

// splitHelp cuts a help file into the Long text and the examples.
func splitHelp(text string) (long, example string) {
	text = strings.TrimSuffix(text, "\n")
	if ex, ok := strings.CutPrefix(text, "Examples:\n"); ok {
		return "", ex
	}
	long, example, _ = strings.Cut(text, "\nExamples:\n")
	return long, example
}
