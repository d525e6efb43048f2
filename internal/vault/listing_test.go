package vault

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"

	"irp/internal/problem"
)

// Show prints one section under its canonical heading, whatever its case.
func TestShowSection(t *testing.T) {
	v, ids := newVault(t, 1)
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Show(&out, v, "amber-heron", ShowOptions{Section: "hINTS"}, Keys{IDs: ids}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "## Hints\n\n") || strings.Contains(out.String(), "## Resolution") {
		t.Errorf("%q", out.String())
	}
	other, _ := age.GenerateX25519Identity()
	err := Show(&out, v, "amber-heron", ShowOptions{}, Keys{IDs: []age.Identity{other}, Tried: []string{"other.key"}})
	if !errors.As(err, new(*NoIdentityError)) || !strings.Contains(err.Error(), "other.key") {
		t.Errorf("wrong key: %v", err)
	}
}

// Without keys, list shows ids only and says why; keys named with -i must
// load.
func TestListFor(t *testing.T) {
	v, ids := newVault(t, 1)
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	var warn, out bytes.Buffer
	rows, err := ListFor(v, Keys{Err: errors.New("no identity found")}, &warn)
	if err != nil || len(rows) != 1 || rows[0].Title != "" || warn.String() != "irp: titles are sealed, showing ids only: no identity found\n" {
		t.Errorf("rows %+v, warn %q, err %v", rows, warn.String(), err)
	}
	if _, err := ListFor(v, Keys{Named: true, Err: errors.New("a.key: no such file")}, &warn); err == nil {
		t.Error("a named key that did not load: no error")
	}
	rows, err = ListFor(v, Keys{IDs: ids}, &warn)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteList(&out, rows, false); err != nil {
		t.Fatal(err)
	}
	want := "ID           TITLE              DIFFICULTY  COMPONENTS      MANTA  STATUS   SEEN BY  SEALED TO\n" +
		"amber-heron  Uploads slow down  medium      storage,webapi  v1,v2  in pool  0        1\n"
	if out.String() != want {
		t.Errorf("WriteList:\n%s\nwant:\n%s", out.String(), want)
	}
}

// An argument to recipients add that is not one key is a usage error.
func TestAdmitNotAKey(t *testing.T) {
	v, ids := newVault(t, 1)
	var out bytes.Buffer
	err := Admit(&out, v, []string{""}, Keys{IDs: ids})
	if !errors.As(err, new(*NotAKeyError)) || problem.Code(err) != problem.ExitUsage || out.Len() > 0 {
		t.Errorf("err %v (exit %d), out %q", err, problem.Code(err), out.String())
	}
}
