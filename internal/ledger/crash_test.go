package ledger

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestMain lets the crash test re-run this binary as an appending child.
func TestMain(m *testing.M) {
	if path := os.Getenv("IRP_TEST_LEDGER_CHILD"); path != "" {
		for i := 0; ; i++ {
			if err := Append(path, Entry{Event: Seen, Scenario: "amber-heron", Who: fmt.Sprintf("p%d", i)}); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	}
	os.Exit(m.Run())
}

// TestAppendKilled kills a process that appends to a long ledger with
// SIGKILL at random points: the ledger always reads back whole, its chain
// intact, with no line lost that was there before.
func TestAppendKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test re-runs the test binary")
	}
	path := filepath.Join(t.TempDir(), "ledger.jsonl")
	var seed []Entry
	for i := range 2000 {
		seed = append(seed, Entry{Event: Seen, Scenario: "cobalt-wren", Who: fmt.Sprintf("s%d", i)})
	}
	if err := Append(path, seed...); err != nil {
		t.Fatal(err)
	}
	before := 2000
	for round := range 6 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "IRP_TEST_LEDGER_CHILD="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it at a random point once it has appended at least once: a
		// child slow to start (the race detector, a busy machine) would
		// otherwise die before it did anything.
		grown := size(path)
		for deadline := time.Now().Add(30 * time.Second); size(path) == grown; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: the child appended nothing in 30 s", round)
			}
		}
		time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		got, err := Read(path)
		if err != nil {
			t.Fatalf("round %d: the ledger does not read after a kill: %v", round, err)
		}
		if len(got) < before {
			t.Fatalf("round %d: %d entries, fewer than the %d before", round, len(got), before)
		}
		before = len(got)
	}
	if before == 2000 {
		t.Error("the child appended nothing before it was killed: the test proved nothing")
	}
	if err := Append(path, Entry{Event: Seen, Scenario: "amber-heron", Who: "last"}); err != nil {
		t.Fatalf("append after the kills: %v", err)
	}
}

// size is the size of the file at path (0 while it is being replaced).
func size(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
