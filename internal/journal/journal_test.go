package journal

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"

	"irp/internal/project"
	"irp/internal/vault"
)

func newVault(t *testing.T) (*vault.Vault, []age.Identity) {
	t.Helper()
	dir := t.TempDir()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "vault"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "vault", "recipients"), []byte(id.Recipient().String()+" # ana\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := vault.Load(project.Project{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return v, []age.Identity{id}
}

var t0 = time.Date(2026, 12, 1, 13, 0, 0, 0, time.UTC)

// TestMergeTwoInstigators: two journals interleave by time; an undo takes
// back one event of its own journal.
func TestMergeTwoInstigators(t *testing.T) {
	v, ids := newVault(t)
	ana := &Journal{Vault: v, IDs: ids, Session: "2026-12-01-brisk-plover", By: "ana"}
	ben := &Journal{Vault: v, IDs: ids, Session: "2026-12-01-brisk-plover", By: "ben"}
	add := func(j *Journal, kind string, min int) Event {
		t.Helper()
		ev, err := j.Append(Event{Kind: kind, At: t0.Add(time.Duration(min) * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	add(ana, Induced, 0)
	add(ben, Detected, 8)
	wrong := add(ana, Diagnosed, 9)
	if _, err := ana.Append(Event{Kind: Undo, Undoes: wrong.Seq}); err != nil {
		t.Fatal(err)
	}
	add(ben, Hint, 20)
	add(ana, Resolved, 50)
	evs, err := Merge(v, ids, "2026-12-01-brisk-plover")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, fmt.Sprintf("%s:%s", e.By, e.Kind))
	}
	if want := "ana:induced ben:detected ben:hint ana:resolved"; strings.Join(got, " ") != want {
		t.Errorf("merged %v, want %s", got, want)
	}
	if who, _ := Journals(v, "2026-12-01-brisk-plover"); strings.Join(who, ",") != "ana,ben" {
		t.Errorf("journals %v", who)
	}
	if evs, err := Merge(v, ids, "2026-12-02-other"); err != nil || len(evs) != 0 {
		t.Errorf("another session: %v, %v", evs, err)
	}
	raw, err := os.ReadFile(filepath.Join(v.Dir, "sessions", "2026-12-01-brisk-plover.journal.ana.age"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "induced") {
		t.Error("the journal is not sealed")
	}
}

// TestAppendConcurrent: two writers of the same journal (the console and
// irp session mark) lose nothing to each other.
func TestAppendConcurrent(t *testing.T) {
	v, ids := newVault(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j := &Journal{Vault: v, IDs: ids, Session: "s", By: "ana"}
			if _, err := j.Append(Event{Kind: Note, Note: fmt.Sprint(i), At: t0}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	evs, err := (&Journal{Vault: v, IDs: ids, Session: "s", By: "ana"}).Events()
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 8 {
		t.Fatalf("%d events, want 8", len(evs))
	}
	for i, e := range evs {
		if e.Seq != i+1 {
			t.Errorf("event %d has seq %d", i, e.Seq)
		}
	}
}

func TestNextRungAndUnknownKind(t *testing.T) {
	if n := NextRung([]Event{{Kind: Hint, Rung: 1}, {Kind: Hint, Rung: 3}, {Kind: Note}}); n != 4 {
		t.Errorf("next rung %d, want 4", n)
	}
	v, ids := newVault(t)
	if _, err := (&Journal{Vault: v, IDs: ids, Session: "s", By: "ana"}).Append(Event{Kind: "reboot"}); err == nil {
		t.Error("an unknown event was recorded")
	}
}
