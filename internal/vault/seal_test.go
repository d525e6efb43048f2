package vault

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"irp/internal/ledger"
)

func TestSealRevisions(t *testing.T) {
	v, ids := newVault(t, 1)
	src := sample(t, "amber-heron", "").Source
	steps := []struct {
		src  []byte
		ids  []age.Identity
		want int
	}{
		{src, nil, 1},                            // new: no identity needed
		{src, ids, 1},                            // the same text keeps its revision
		{append(src, "More.\n"...), ids, 2},      // changed text: the next one
		{append(src, "More.\n"...), ids, 2},      // and again unchanged
		{append(src, "Even more.\n"...), ids, 3}, // changed again
	}
	for i, s := range steps {
		got, err := Seal(v, "amber-heron.md", s.src, SealOptions{Identities: s.ids})
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got.Revision != s.want {
			t.Errorf("step %d: revision %d, want %d", i, got.Revision, s.want)
		}
		if s.ids != nil && got.Checked != "decrypted and compared" {
			t.Errorf("step %d: checked %q", i, got.Checked)
		}
	}
}

func TestSealRefusesToReplaceUnseen(t *testing.T) {
	v, _ := newVault(t, 1)
	src := sample(t, "amber-heron", "").Source
	if _, err := Seal(v, "a.md", src, SealOptions{}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(v.ScenarioFile("amber-heron"))
	other, _ := age.GenerateX25519Identity()
	for _, ids := range [][]age.Identity{nil, {other}} {
		_, err := Seal(v, "a.md", append(src, "x\n"...), SealOptions{Identities: ids})
		var re *ReplaceError
		if !errors.As(err, &re) || (ids == nil) != (re.Err == nil) {
			t.Fatalf("ids %v: got %v, want a ReplaceError", ids, err)
		}
	}
	if after, _ := os.ReadFile(v.ScenarioFile("amber-heron")); string(after) != string(before) {
		t.Error("the sealed file changed")
	}
}

func TestSealSetsID(t *testing.T) {
	v, ids := newVault(t, 1)
	src := sample(t, "amber-heron", "").Source
	got, err := Seal(v, "a.md", src, SealOptions{ID: "dusky-lark", Identities: ids})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "dusky-lark" || got.File != "vault/scenarios/dusky-lark.age" {
		t.Fatalf("sealed %+v", got)
	}
	if _, err := v.Open("dusky-lark", ids); err != nil {
		t.Fatal(err)
	}
}

func TestPoolPickRetire(t *testing.T) {
	v, ids := newVault(t, 1)
	for _, id := range []string{"amber-heron", "dusky-lark", "cobalt-wren"} {
		if err := v.Put(sample(t, id, "")); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	if err := ledger.Append(v.LedgerFile(), ledger.Entry{Time: now, Event: ledger.Seen, Scenario: "dusky-lark", Who: "ana"}); err != nil {
		t.Fatal(err)
	}
	page, err := retire(v, "cobalt-wren", ids, now)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(page); err != nil || !strings.Contains(string(b), "retired = true") {
		t.Fatalf("retired page: %v\n%s", err, b)
	}
	if _, err := retire(v, "cobalt-wren", ids, now); !errors.Is(err, ErrRetired) {
		t.Errorf("retiring twice: %v", err)
	}
	pool, err := v.Pool()
	if err != nil || strings.Join(pool, ",") != "amber-heron,dusky-lark" {
		t.Errorf("pool %v, %v", pool, err)
	}
	picked, err := Pick(v, []string{"ana", "ben"}, ids)
	if err != nil || len(picked) != 1 || picked[0].ID != "amber-heron" || picked[0].Title == "" {
		t.Errorf("pick %+v, %v", picked, err)
	}
	rows, err := List(v, nil)
	if err != nil || len(rows) != 3 || rows[1].Status != StatusRetired || rows[1].Title != "" || rows[2].SeenBy[0] != "ana" {
		t.Errorf("list %+v, %v", rows, err)
	}
}

func TestRetireWithoutKeyWritesNothing(t *testing.T) {
	v, _ := newVault(t, 1)
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	other, _ := age.GenerateX25519Identity()
	_, err := retire(v, "amber-heron", []age.Identity{other}, time.Now())
	var nk *NoKeyError
	if !errors.As(err, &nk) || nk.File != "vault/scenarios/amber-heron.age" {
		t.Fatalf("got %v, want a NoKeyError naming the file", err)
	}
	if _, err := os.Stat(filepath.Join(v.Project.Content(), "scenarios")); err == nil {
		t.Error("content/scenarios was created")
	}
	if _, err := os.Stat(v.LedgerFile()); err == nil {
		t.Error("the ledger was written")
	}
}

// Retire and Remove ask first: a no changes nothing; a yes says what was
// done, with paths relative to the project.
func TestRetireRemoveConfirm(t *testing.T) {
	v, ids := newVault(t, 1)
	for _, id := range []string{"amber-heron", "dusky-lark"} {
		if err := v.Put(sample(t, id, "")); err != nil {
			t.Fatal(err)
		}
	}
	no := errors.New("no")
	var asked []string
	ask := func(answer error) func(string) error {
		return func(q string) error { asked = append(asked, q); return answer }
	}
	var out strings.Builder
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	if err := Retire(&out, v, "amber-heron", Keys{IDs: ids}, now, ask(no)); err != no {
		t.Fatalf("retire, answered no: %v", err)
	}
	if err := Remove(&out, v, "dusky-lark", now, ask(no)); err != no {
		t.Fatalf("remove, answered no: %v", err)
	}
	if _, err := os.Stat(v.LedgerFile()); err == nil || out.Len() > 0 {
		t.Fatalf("answered no, but the ledger was written or %q said", out.String())
	}
	if err := Retire(&out, v, "amber-heron", Keys{IDs: ids}, now, ask(nil)); err != nil {
		t.Fatal(err)
	}
	if err := Remove(&out, v, "dusky-lark", now, ask(nil)); err != nil {
		t.Fatal(err)
	}
	want := "retired amber-heron: wrote content/scenarios/amber-heron.md and added it to vault/ledger.jsonl\n" +
		"removed dusky-lark: deleted vault/scenarios/dusky-lark.age and recorded it in vault/ledger.jsonl\n"
	if out.String() != want || len(asked) != 4 || !strings.Contains(asked[0], "(content/scenarios/amber-heron.md)") {
		t.Errorf("said %q, asked %q", out.String(), asked)
	}
	if err := Retire(&out, v, "amber-heron", Keys{Err: no}, now, ask(nil)); err != no || len(asked) != 4 {
		t.Errorf("without keys: %v, asked %d times; want the keys' error before asking", err, len(asked))
	}
}

func TestAddRemoveRecipients(t *testing.T) {
	v, ids := newVault(t, 1)
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	bob, _ := age.GenerateX25519Identity()
	if _, err := v.AddRecipients([]string{"not a key"}, ids); err == nil {
		t.Error("a line that is not a key was added")
	}
	if _, err := v.AddRecipients([]string{""}, ids); !errors.As(err, new(*NotAKeyError)) {
		t.Errorf("an empty argument: %v", err)
	}
	n, err := v.AddRecipients([]string{bob.Recipient().String() + " # bob"}, ids)
	if err != nil || n != 1 || len(v.Recipients) != 2 {
		t.Fatalf("add: %d, %v, %d recipients", n, err, len(v.Recipients))
	}
	if _, err := v.AddRecipients([]string{bob.Recipient().String()}, ids); err == nil || !strings.Contains(err.Error(), "already a recipient") {
		t.Errorf("adding bob twice: %v", err)
	}
	if _, err := v.Open("amber-heron", []age.Identity{bob}); err != nil {
		t.Errorf("bob cannot open after add: %v", err)
	}
	removed, _, err := v.RemoveRecipients([]string{"bob"}, ids)
	if err != nil || len(removed) != 1 || removed[0].Name != "bob" {
		t.Fatalf("rm bob: %v, %v", removed, err)
	}
	if _, err := v.Open("amber-heron", []age.Identity{bob}); !errors.Is(err, ErrNoKey) {
		t.Errorf("bob still opens after rm: %v", err)
	}
	if _, _, err := v.RemoveRecipients([]string{"nobody"}, ids); err == nil {
		t.Error("removing nobody succeeded")
	}
}
