package vault

import (
	"os"
	"strings"
	"testing"

	"filippo.io/age"
)

func TestCheck(t *testing.T) {
	v, _ := newVault(t, 1)
	if probs, n, err := Check(v.Project); err != nil || len(probs) != 0 || n != 0 {
		t.Fatalf("empty vault: %v, %d, %v", probs, n, err)
	}
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	if probs, n, err := Check(v.Project); err != nil || len(probs) != 0 || n != 1 {
		t.Fatalf("one sealed file: %v, %d, %v", probs, n, err)
	}
	os.Remove(v.RecipientsFile())
	probs, _, err := Check(v.Project)
	if err != nil || len(probs) != 1 || probs[0].String() != "vault/recipients: missing, but 1 sealed file(s) exist (run irp vault init)" {
		t.Fatalf("no recipients file: %v, %v", probs, err)
	}
	os.WriteFile(v.RecipientsFile(), []byte("not a key\n"), 0o644)
	probs, _, err = Check(v.Project)
	if err != nil || len(probs) != 1 || !strings.HasPrefix(probs[0].String(), "vault/recipients:1: ") {
		t.Fatalf("bad recipients file: %v, %v", probs, err)
	}
}

func TestLeakScanner(t *testing.T) {
	v, ids := newVault(t, 1)
	keys := func(ids []age.Identity) func() ([]age.Identity, error) {
		return func() ([]age.Identity, error) { return ids, nil }
	}
	if l := LeakScanner(v.Project, keys(nil)); l.Skipped != "" || l.Scenarios != nil {
		t.Errorf("nothing sealed: %+v", l)
	}
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	if l := LeakScanner(v.Project, keys(ids)); l.Skipped != "" || len(l.Scenarios) != 1 {
		t.Errorf("with the key: %+v", l)
	}
	other, _ := age.GenerateX25519Identity()
	if l := LeakScanner(v.Project, keys([]age.Identity{other})); l.Skipped != "your identity does not open vault/scenarios/amber-heron.age" || l.Scenarios != nil {
		t.Errorf("with another key: %+v", l)
	}
}
