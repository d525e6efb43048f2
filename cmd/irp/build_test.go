package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

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

func init() { scriptCmds["held-build"] = heldBuildCmd }

// heldBuildCmd runs `irp-site build --hold --dest DEST` in the script's
// directory, waits for the staged build, then does what the first argument
// says: "publish", "discard" (a verdict on stdin), "eof" (stdin closed, as
// when irp dies), or "sigint"/"sigterm". It checks that the staged
// directory is gone afterwards and records irp-site's exit code on stdout.
//
//	held-build publish|discard|eof|sigint|sigterm DEST
func heldBuildCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: held-build publish|discard|eof|sigint|sigterm DEST")
	}
	path := ""
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(dir, "irp-site")); err == nil {
			path = filepath.Join(dir, "irp-site")
			break
		}
	}
	if path == "" {
		ts.Fatalf("no irp-site on the script's PATH")
	}
	cmd := exec.Command(path, "build", "--hold", "--dest", ts.MkAbs(args[1]))
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = os.Environ()
	for _, k := range []string{"PATH", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"} {
		cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
	}
	stdin, err := cmd.StdinPipe()
	ts.Check(err)
	stdout, err := cmd.StdoutPipe()
	ts.Check(err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	ts.Check(cmd.Start())
	out := bufio.NewReader(stdout)
	line, err := out.ReadString('\n')
	if err != nil {
		_ = cmd.Wait()
		ts.Fatalf("irp-site exited before staging: %v\n%s", err, stderr.String())
	}
	staged, ok := strings.CutPrefix(strings.TrimSpace(line), "staged ")
	if !ok {
		ts.Fatalf("first line %q, want staged DIR", line)
	}
	if _, err := os.Stat(filepath.Join(staged, "index.html")); err != nil {
		ts.Fatalf("staged build has no index.html: %v", err)
	}
	switch args[0] {
	case "publish", "discard":
		_, err = io.WriteString(stdin, args[0]+"\n")
		ts.Check(err)
		stdin.Close()
	case "eof":
		stdin.Close()
	case "sigint":
		ts.Check(cmd.Process.Signal(os.Interrupt))
	case "sigterm":
		ts.Check(cmd.Process.Signal(syscall.SIGTERM))
	default:
		ts.Fatalf("unknown verdict %q", args[0])
	}
	rest, _ := io.ReadAll(out)
	err = cmd.Wait()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else {
		ts.Check(err)
	}
	if _, err := os.Stat(staged); !errors.Is(err, fs.ErrNotExist) {
		ts.Fatalf("staged directory %s is still there after %s", staged, args[0])
	}
	ts.Logf("irp-site: %s%s", rest, stderr.String())
	fmt.Fprintf(ts.Stdout(), "exit %d\n%s", code, rest)
}
