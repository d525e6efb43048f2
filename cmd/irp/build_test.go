package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() { scriptCmds["without-site"] = withoutSiteCmd }

// withoutSiteCmd drops every PATH entry that holds an irp-site, so a script
// can show what irp says when the site engine is not installed.
func withoutSiteCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 0 {
		ts.Fatalf("usage: without-site")
	}
	var keep []string
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(dir, "irp-site")); err != nil {
			keep = append(keep, dir)
		}
	}
	ts.Setenv("PATH", strings.Join(keep, string(os.PathListSeparator)))
}
