package console

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"irp/internal/journal"
	"irp/internal/project"
	"irp/internal/session"
	"irp/internal/vault"
)

// TestMain lets the crash test run this binary as a console child process.
func TestMain(m *testing.M) {
	if dir := os.Getenv("IRP_TEST_CONSOLE_CHILD"); dir != "" {
		os.Exit(consoleChild(dir))
	}
	os.Exit(m.Run())
}

// consoleChild runs the console on stdin and stdout (pipes, not a
// terminal) for the session in dir, on the session's day.
func consoleChild(dir string) int {
	fail := func(err error) int { fmt.Fprintln(os.Stderr, err); return 1 }
	p, err := project.Find(dir)
	if err != nil {
		return fail(err)
	}
	env, err := session.Load(p)
	if err != nil {
		return fail(err)
	}
	began := time.Now()
	env.Now = func() time.Time { return at("13:00").Add(time.Since(began)) }
	page, err := env.Read(filepath.Join(dir, "content/sessions/2026-12-01-brisk-plover"))
	if err != nil {
		return fail(err)
	}
	ids, err := vault.ParseIdentityFile(filepath.Join(dir, "key.txt"))
	if err != nil {
		return fail(err)
	}
	s, err := env.Scenario(page, ids)
	if err != nil {
		return fail(err)
	}
	cfg := Config{Env: env, Page: page, Scenario: s, IDs: ids, By: "ana", Start: at("13:00"), NoColor: true}
	if err := Run(cfg, os.Stdin, os.Stdout); err != nil {
		return fail(err)
	}
	return 0
}

// TestConsoleKilled kills the console with SIGKILL in the middle of a
// session, several times, with keys still arriving: every event the
// journal had before the kill is still there, the journal still opens,
// and the console run again resumes where it was.
func TestConsoleKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test re-runs the test binary")
	}
	f := newFixture(t)
	count := func() int {
		t.Helper()
		evs, err := (&journal.Journal{Vault: f.env.Vault, IDs: f.ids, Session: "2026-12-01-brisk-plover", By: "ana"}).Events()
		if err != nil && err != journal.ErrNoJournal {
			t.Fatalf("the journal does not open after a kill: %v", err)
		}
		return len(evs)
	}
	waitCount := func(n int) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for count() < n {
			if time.Now().After(deadline) {
				t.Fatalf("the console recorded %d events, want %d", count(), n)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	start := func() (*exec.Cmd, io.WriteCloser) {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "IRP_TEST_CONSOLE_CHILD="+f.dir)
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdout = io.Discard
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, in
	}
	kill := func(cmd *exec.Cmd) {
		t.Helper()
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
	}

	// Play the first steps and wait for each to be sealed.
	cmd, in := start()
	for i, keys := range []string{"i", "d", "h", "nthe cause is shard two\r"} {
		io.WriteString(in, keys)
		waitCount(i + 1)
	}
	kill(cmd)
	if n := count(); n != 4 {
		t.Fatalf("after the kill the journal holds %d events, want 4", n)
	}

	// Kill it again and again while status reports and notes arrive.
	for round := range 5 {
		before := count()
		cmd, in := start()
		io.WriteString(in, "s")
		waitCount(before + 1)
		for range 5 {
			io.WriteString(in, "nx\r")
		}
		time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
		kill(cmd)
		if n := count(); n < before+1 {
			t.Fatalf("round %d: %d events after the kill, had %d before it", round, n, before+1)
		}
	}

	// Run again: it resumes during the incident, rung 1 given.
	f.load(t)
	m := f.model(t)
	if m.Phase() != During {
		t.Errorf("resumed in phase %s, want during", m.Phase())
	}
	if n := journal.NextRung(m.events); n != 2 {
		t.Errorf("resumed with next rung %d, want 2", n)
	}
	evs, err := journal.Merge(f.env.Vault, f.ids, "2026-12-01-brisk-plover")
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{journal.Induced, journal.Detected, journal.Hint, journal.Note} {
		if evs[i].Kind != want {
			t.Errorf("event %d is %s, want %s", i, evs[i].Kind, want)
		}
	}
	if evs[3].Note != "the cause is shard two" || !evs[3].Private {
		t.Errorf("the note is %+v", evs[3])
	}
}
