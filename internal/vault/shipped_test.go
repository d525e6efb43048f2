package vault

import (
	"path/filepath"
	"testing"

	"irp/internal/project"
)

// TestShippedVault checks the repository's own vault: every sealed file
// opens with the demo key from testdata/, holds what its name says, and is
// addressed to exactly vault/recipients; the README's `irp vault open`
// examples depend on it.
func TestShippedVault(t *testing.T) {
	p, err := project.Find(".")
	if err != nil {
		t.Fatal(err)
	}
	v, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if !v.HasFile || len(v.Recipients) == 0 {
		t.Fatal("vault/recipients is missing or empty")
	}
	ids, err := ParseIdentityFile(filepath.Join(p.Dir, "testdata", "demo-instigator.key"))
	if err != nil {
		t.Fatal(err)
	}
	probs, err := v.Verify(ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range probs {
		t.Error(pr)
	}
	list, err := v.IDs()
	if err != nil || len(list) < 2 {
		t.Fatalf("%d example scenarios (%v), want at least 2", len(list), err)
	}
	for _, id := range list {
		s, err := v.Open(id, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Hints) == 0 || s.Sections["Resolution"] == "" {
			t.Errorf("%s: no hint ladder or resolution", id)
		}
	}
}
