package engine

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fakeSite puts an irp-site shell script on PATH (and only it).
func fakeSite(t *testing.T, script string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, Name), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+"/usr/bin:/bin")
	return dir
}

func TestRunPassesArgsOutputAndExitCode(t *testing.T) {
	fakeSite(t, `echo "args: $*"; echo "oops" >&2; exit 3`)
	var out, errb bytes.Buffer
	code, err := Run(context.Background(), "", []string{"build", "--dest", "a b"}, Streams{Stdout: &out, Stderr: &errb})
	if err != nil || code != 3 {
		t.Fatalf("Run = %d, %v; want 3, nil", code, err)
	}
	if out.String() != "args: build --dest a b\n" || errb.String() != "oops\n" {
		t.Errorf("stdout %q, stderr %q", out.String(), errb.String())
	}
}

func TestRunInDir(t *testing.T) {
	fakeSite(t, `pwd`)
	dir := t.TempDir()
	var out bytes.Buffer
	if code, err := Run(context.Background(), dir, nil, Streams{Stdout: &out}); err != nil || code != 0 {
		t.Fatalf("Run = %d, %v", code, err)
	}
	want, _ := filepath.EvalSymlinks(dir)
	if got := strings.TrimSpace(out.String()); got != want {
		t.Errorf("ran in %s, want %s", got, want)
	}
}

func TestNotFound(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Find()
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Find: %v, want ErrNotFound", err)
	}
	if !strings.Contains(err.Error(), "or on PATH") {
		t.Errorf("error %q", err)
	}
	if _, err := Run(context.Background(), "", nil, Streams{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Run: %v, want ErrNotFound", err)
	}
}

// TestServeForwardsSignals stops a fake server with SIGTERM sent to this
// process, as a service manager would stop irp serve: the signal must
// reach the child, and a clean stop is exit 0.
func TestServeForwardsSignals(t *testing.T) {
	ready := filepath.Join(t.TempDir(), "ready")
	fakeSite(t, `trap 'echo stopped; exit 0' TERM
touch "`+ready+`"
while :; do sleep 0.05; done`)
	type result struct {
		code int
		err  error
	}
	var out bytes.Buffer
	done := make(chan result, 1)
	go func() {
		code, err := Serve("", []string{"serve"}, Streams{Stdout: &out})
		done <- result{code, err}
	}()
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		select {
		case r := <-done:
			t.Fatalf("Serve returned early: %d, %v", r.code, r.err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.code != 0 || r.err != nil {
		t.Fatalf("Serve = %d, %v; want 0, nil", r.code, r.err)
	}
	if !strings.Contains(out.String(), "stopped") {
		t.Errorf("the child did not get the signal; stdout %q", out.String())
	}
}

func TestServeFailurePassesThrough(t *testing.T) {
	fakeSite(t, `echo "irp: serve: listen: address in use" >&2; exit 1`)
	var errb bytes.Buffer
	code, err := Serve("", []string{"serve"}, Streams{Stderr: &errb})
	if code != 1 || err != nil {
		t.Fatalf("Serve = %d, %v; want 1, nil", code, err)
	}
	if !strings.Contains(errb.String(), "address in use") {
		t.Errorf("stderr %q", errb.String())
	}
}
