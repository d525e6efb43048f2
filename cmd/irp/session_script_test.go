package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	scriptCmds["sessiondir"] = sessionDirCmd
	scriptCmds["replacein"] = replaceCmd
	scriptCmds["grepdir"] = grepDirCmd
	scriptCmds["delline"] = delLineCmd
}

// grepdir PATTERN DIR: succeed when some file under DIR matches the regular
// expression PATTERN (negated: when none does, naming the first that does).
func grepDirCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: grepdir PATTERN DIR")
	}
	re, err := regexp.Compile(args[0])
	ts.Check(err)
	var hit string
	err = filepath.WalkDir(ts.MkAbs(args[1]), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || hit != "" {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && re.Match(b) {
			hit = path
		}
		return err
	})
	ts.Check(err)
	switch {
	case neg && hit != "":
		ts.Fatalf("%s matches %s", hit, args[0])
	case !neg && hit == "":
		ts.Fatalf("no file under %s matches %s", args[1], args[0])
	}
}

// sessiondir VAR [N]: set $VAR to the name of the Nth (default: only)
// directory under content/sessions, sorted, since codenames are random.
func sessionDirCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: sessiondir VAR [N]")
	}
	ents, err := os.ReadDir(ts.MkAbs("content/sessions"))
	ts.Check(err)
	var dirs []string
	for _, e := range ents {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	sort.Strings(dirs)
	n := 0
	if len(args) == 2 {
		n = int(args[1][0] - '1')
	} else if len(dirs) != 1 {
		ts.Fatalf("sessiondir: want one session directory, have %v", dirs)
	}
	if n < 0 || n >= len(dirs) {
		ts.Fatalf("sessiondir: no directory %s in %v", args[1], dirs)
	}
	ts.Setenv(args[0], dirs[n])
}

// replacein FILE OLD NEW: replace every OLD in FILE with NEW (\n in OLD and
// NEW means a newline); fails when OLD is absent.
func replaceCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replacein FILE OLD NEW")
	}
	path := ts.MkAbs(args[0])
	b, err := os.ReadFile(path)
	ts.Check(err)
	old, repl := unquoteNL(args[1]), unquoteNL(args[2])
	if !strings.Contains(string(b), old) {
		ts.Fatalf("replacein: %q not in %s", old, args[0])
	}
	ts.Check(os.WriteFile(path, []byte(strings.ReplaceAll(string(b), old, repl)), 0o644))
}

func unquoteNL(s string) string { return strings.ReplaceAll(s, `\n`, "\n") }

// delline FILE N: remove line N (1-based) of FILE.
func delLineCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: delline FILE N")
	}
	path := ts.MkAbs(args[0])
	b, err := os.ReadFile(path)
	ts.Check(err)
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	lines := strings.SplitAfter(string(b), "\n")
	if n < 1 || n > len(lines) {
		ts.Fatalf("delline: %s has no line %d", args[0], n)
	}
	ts.Check(os.WriteFile(path, []byte(strings.Join(append(lines[:n-1], lines[n:]...), "")), 0o644))
}
