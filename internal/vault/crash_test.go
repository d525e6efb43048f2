package vault

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"irp/internal/project"
)

// TestMain lets the crash test re-run this binary as a rekey child process.
func TestMain(m *testing.M) {
	if dir := os.Getenv("IRP_TEST_REKEY_CHILD"); dir != "" {
		os.Exit(rekeyChild(dir))
	}
	if dir := os.Getenv("IRP_TEST_RECIPIENTS_CHILD"); dir != "" {
		os.Exit(recipientsChild(dir))
	}
	os.Exit(m.Run())
}

func rekeyChild(dir string) int {
	v, err := Load(project.Project{Dir: dir})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ids, err := ParseIdentityFile(filepath.Join(dir, "key.txt"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if _, err := v.Rekey(ids); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// crashVault is a vault of people recipients holding n sealed scenarios,
// with the first identity in key.txt for the child process to read.
func crashVault(t *testing.T, people, n int) (*Vault, []age.Identity) {
	t.Helper()
	v, ids := newVault(t, people)
	id := ids[0].(*age.X25519Identity)
	if err := os.WriteFile(filepath.Join(v.Project.Dir, "key.txt"), []byte(id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := sample(t, "x", "")
	if err := parallel(n, func(i int) error {
		s2 := *s
		s2.ID = fmt.Sprintf("s-%03d", i)
		s2.Source = []byte(strings.Replace(string(s.Source), "id: x", "id: "+s2.ID, 1))
		return v.Put(&s2)
	}); err != nil {
		t.Fatal(err)
	}
	return v, ids
}

// TestRekeyKilled kills a rekey of 300 files with SIGKILL at random points,
// several times; every file must still open, and a final rekey completes.
func TestRekeyKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test re-runs the test binary")
	}
	v, ids := crashVault(t, 2, 300)
	// Add a third recipient, so a finished rekey is visible in the headers.
	third, _ := age.GenerateX25519Identity()
	f, _ := os.OpenFile(v.RecipientsFile(), os.O_APPEND|os.O_WRONLY, 0)
	fmt.Fprintf(f, "%s # third\n", third.Recipient())
	f.Close()

	// Time one full run to spread the kills over it.
	start := time.Now()
	if err := runChild(t, v.Project.Dir, 0); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)
	killed, round := 0, 0
	for ; killed < 5 && round < 40; round++ {
		delay := time.Duration(rand.Int64N(int64(full)))
		if err := runChild(t, v.Project.Dir, delay); err == nil {
			continue
		}
		killed++
		checkAllOpen(t, v, ids[:1], round)
	}
	if killed < 5 {
		t.Fatalf("only %d of %d runs were killed before finishing", killed, round)
	}
	t.Logf("full rekey %v; killed %d of %d runs", full, killed, round)

	v2, err := Load(v.Project)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := v2.Rekey(ids[:1]); err != nil || n != 300 {
		t.Fatalf("re-run: %d %v", n, err)
	}
	if probs, _ := v2.Verify([]age.Identity{third}); len(probs) != 0 {
		t.Fatalf("after re-run: %d problems, first %v", len(probs), probs[0])
	}
	ents, _ := os.ReadDir(filepath.Join(v.Dir, "scenarios"))
	if len(ents) != 300 {
		t.Errorf("%d entries in vault/scenarios after re-run, want 300 (stale temp files?)", len(ents))
	}
}

// runChild runs a rekey in a child process and SIGKILLs it after delay
// (0: let it finish). It returns an error when the child did not finish.
func runChild(t *testing.T, dir string, delay time.Duration) error {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "IRP_TEST_REKEY_CHILD="+dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if delay > 0 {
		time.AfterFunc(delay, func() { cmd.Process.Kill() })
	}
	return cmd.Wait()
}

func checkAllOpen(t *testing.T, v *Vault, ids []age.Identity, round int) {
	t.Helper()
	list, err := v.IDs()
	if err != nil || len(list) != 300 {
		t.Fatalf("round %d: %d ids, %v", round, len(list), err)
	}
	if err := parallel(len(list), func(i int) error {
		_, err := v.Open(list[i], ids)
		return err
	}); err != nil {
		t.Fatalf("round %d: after SIGKILL a file does not open: %v", round, err)
	}
}

// recipientsChild adds recipients to the vault at dir, one after another,
// until it is killed: each AddRecipients rewrites vault/recipients and
// re-encrypts every sealed file.
func recipientsChild(dir string) int {
	ids, err := ParseIdentityFile(filepath.Join(dir, "key.txt"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := 0; ; i++ {
		v, err := Load(project.Project{Dir: dir})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		next, _ := age.GenerateX25519Identity()
		if _, err := v.AddRecipients([]string{fmt.Sprintf("%s # added %d", next.Recipient(), i)}, ids); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
}

// TestAddRecipientsKilled kills a process that keeps changing
// vault/recipients (and re-encrypting) at random points: the recipients
// file always reads whole, every sealed file still opens with the first
// key, and a rekey afterwards addresses them all to the list on disk.
func TestAddRecipientsKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test re-runs the test binary")
	}
	v, ids := crashVault(t, 1, 40)
	lines := func() int {
		b, _ := os.ReadFile(v.RecipientsFile())
		return strings.Count(string(b), "\n")
	}
	before := lines()
	for round := range 5 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "IRP_TEST_RECIPIENTS_CHILD="+v.Project.Dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it at a random point once it has added a recipient: a
		// child slow to start (the race detector, a busy machine) would
		// otherwise die before it did anything.
		added := lines()
		for deadline := time.Now().Add(30 * time.Second); lines() == added; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: the child added no recipient in 30 s", round)
			}
		}
		time.Sleep(time.Duration(rand.IntN(150)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		v2, err := Load(v.Project)
		if err != nil {
			t.Fatalf("round %d: vault/recipients does not read after a kill: %v", round, err)
		}
		list, _ := v2.IDs()
		for _, sid := range list {
			if _, err := v2.Open(sid, ids); err != nil {
				t.Fatalf("round %d: %s does not open after a kill: %v", round, sid, err)
			}
		}
	}
	if lines() == before {
		t.Error("no recipient was added before the kills: the test proved nothing")
	}
	v2, _ := Load(v.Project)
	if _, err := v2.Rekey(ids); err != nil {
		t.Fatalf("rekey after the kills: %v", err)
	}
	if probs, err := v2.Verify(nil); err != nil || len(probs) != 0 {
		t.Fatalf("after rekey: %v %v", probs, err)
	}
}
