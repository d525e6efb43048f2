package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// siteBin is the directory holding an irp-site binary built for the scripts,
// so that `irp build` finds its site engine on PATH as it would in bin/.
var siteBin string

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"irp": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// scriptCmds are extra testscript commands; test files add theirs in init.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){}

func TestScripts(t *testing.T) {
	siteBin = t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(siteBin, "irp-site"), "irp/cmd/irp-site")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building irp-site for the scripts: %v\n%s", err, out)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		RequireExplicitExec: true,
		Cmds:                scriptCmds,
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", filepath.Join(env.WorkDir, ".home"))
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".home", ".config"))
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, ".home", ".local", "share"))
			env.Setenv("IRP_IDENTITY", "")
			env.Setenv("EDITOR", "")
			if siteBin != "" {
				env.Setenv("PATH", siteBin+string(os.PathListSeparator)+env.Getenv("PATH"))
			}
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "age":
				_, err := exec.LookPath("age")
				return err == nil, nil
			case "site":
				return siteBin != "", nil
			}
			return false, nil
		},
	})
}
