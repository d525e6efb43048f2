package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"irp/internal/impact"
	"irp/internal/iostreams"
	"irp/internal/problem"
	"irp/internal/vault"
)

// testFactory is a Factory on the repository's own project, with the
// streams in buffers and an empty environment.
func testFactory(t *testing.T) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	f := &Factory{
		IO:     iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Dir:    "../..",
		Getenv: func(string) string { return "" },
		Home:   t.TempDir(),
		Now:    func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) },
	}
	return f, &out, &errOut
}

// A verb runs without a process: options in, output in the buffers.
func TestRunVaultOpenSection(t *testing.T) {
	f, out, errOut := testFactory(t)
	err := runVaultOpen(&vaultOpenOptions{Factory: f, ID: "amber-heron", ShowOptions: vault.ShowOptions{Section: "hints"},
		Identities: []string{demoKey(t)}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "## Hints\n\n") || strings.Contains(out.String(), "## Resolution") || errOut.Len() > 0 {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
}

// The command line fills the options; runF sees them instead of the verb.
func TestVaultSealFlags(t *testing.T) {
	f, _, _ := testFactory(t)
	var got *vaultSealOptions
	cmd := newVaultSealCmd(f, func(o *vaultSealOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--keep", "--id", "dusky-lark", "-i", "a.key", "-i", "b.key", "draft.md"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.File != "draft.md" || got.ID != "dusky-lark" || !got.Keep || strings.Join(got.Identities, ",") != "a.key,b.key" {
		t.Errorf("options %+v", got)
	}
}

// report turns an error into irp's line: the verb and its subject, the
// why, the hint for its kind, and the exit code.
func TestReport(t *testing.T) {
	f, _, _ := testFactory(t)
	root := newRootCmd(f)
	for _, tc := range []struct {
		args []string
		err  error
		want string
		code int
	}{
		{[]string{"vault", "open", "amber-heron"}, errString("it broke"), "irp: vault open amber-heron: it broke\n", 1},
		{[]string{"vault", "list"}, problem.Usagef("--json twice"), "irp: vault list: --json twice\n", 2},
		{[]string{"vault", "verify"}, problem.Found, "", 1},
		{[]string{"build"}, problem.WithHint(errString("no site"), "run make"), "irp: build: no site\nhint: run make\n", 1},
	} {
		cmd, args, err := root.Find(tc.args)
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.ParseFlags(args); err != nil {
			t.Fatal(err)
		}
		var w bytes.Buffer
		if code := report(&w, cmd, tc.err); code != tc.code || w.String() != tc.want {
			t.Errorf("%v: exit %d, %q; want %d, %q", tc.args, code, w.String(), tc.code, tc.want)
		}
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// demoKey is a private copy of the repository's demo key: git checks files
// out readable by all, and irp refuses such an identity file.
func demoKey(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/demo-instigator.key")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "demo.key")
	if err := os.WriteFile(name, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

// warn words each kind of warning a verb gives while it goes on.
func TestWarn(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&impact.FileError{Name: "a.log", Err: errString("unexpected end of data (truncated gzip?)")},
			"irp: reading a.log: unexpected end of data (truncated gzip?)\n"},
		{&impact.ZoneError{Zone: "3f9e8d7c", Reason: "manta-oneach: timed_out"},
			"irp: not merged: 3f9e8d7c: manta-oneach: timed_out\n"},
		{impact.ErrTerminalInput, "irp: reading audit log lines from the terminal (Ctrl-D to end)\n"},
	} {
		var w bytes.Buffer
		warn(&w)(tc.err)
		if w.String() != tc.want {
			t.Errorf("warn(%T) = %q, want %q", tc.err, w.String(), tc.want)
		}
	}
}
