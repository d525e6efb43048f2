package vault

import (
	"errors"
	"path/filepath"
	"testing"
)

// Explain names the files tried when no key opens a file; ExplainLoad
// gives the reason no key loaded instead, when there is one.
func TestKeysExplain(t *testing.T) {
	noKey := &NoKeyError{File: "vault/scenarios/amber-heron.age"}
	loadErr := &NoIdentityError{Tried: []string{"a.key"}}
	other := errors.New("disk on fire")
	for _, tc := range []struct {
		name    string
		keys    Keys
		err     error
		explain string
		load    string
	}{
		{"no key opens it", Keys{Tried: []string{"a.key", "b.key"}}, noKey,
			"no identity in a.key, b.key can open vault/scenarios/amber-heron.age", "no identity in a.key, b.key can open vault/scenarios/amber-heron.age"},
		{"none loaded", Keys{Tried: []string{"a.key"}, Err: loadErr}, noKey,
			"no identity in a.key can open vault/scenarios/amber-heron.age", "no identity found (tried a.key)"},
		{"another error", Keys{Err: loadErr}, other, "disk on fire", "disk on fire"},
	} {
		if got := tc.keys.Explain(tc.err).Error(); got != tc.explain {
			t.Errorf("%s: Explain = %q, want %q", tc.name, got, tc.explain)
		}
		if got := tc.keys.ExplainLoad(tc.err).Error(); got != tc.load {
			t.Errorf("%s: ExplainLoad = %q, want %q", tc.name, got, tc.load)
		}
	}
}

// A named key file that is missing is kept in Err, and Named says it was
// named.
func TestLoadKeysNamed(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.key")
	k := LoadKeys([]string{missing}, func(string) string { return "" }, t.TempDir())
	if k.Err == nil || !k.Named || k.IDs != nil || len(k.Tried) != 1 {
		t.Errorf("%+v", k)
	}
	k = LoadKeys(nil, func(string) string { return "" }, t.TempDir())
	if !errors.As(k.Err, new(*NoIdentityError)) || k.Named {
		t.Errorf("defaults: %+v", k)
	}
}
