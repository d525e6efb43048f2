package vault

import (
	"errors"
	"testing"

	"irp/internal/problem"
)

// TestValidate: the checks a verb makes before it looks for the project
// are usage errors (exit 2) worded as before, and pass what is valid.
func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string // "" for no error
	}{
		{"good id", CheckID("amber-heron"), ""},
		{"bad id", CheckID("Amber"), `"Amber" is not a scenario id: scenario ids are codenames like amber-heron, lowercase words of letters and digits joined by dashes, starting with a letter`},
		{"whole scenario", ShowOptions{}.Validate(), ""},
		{"section any case", ShowOptions{Section: "hINTS"}.Validate(), ""},
		{"raw", ShowOptions{Raw: true}.Validate(), ""},
		{"section and raw", ShowOptions{Section: "Hints", Raw: true}.Validate(), "--section and --raw cannot be used together"},
		{"no such section", ShowOptions{Section: "Epilogue"}.Validate(), `no section "Epilogue" (sections: Brief, Induce, Verify, Symptoms, Hints, Resolution, Impact, Revert, Abort)`},
		{"no id to seal under", SealOptions{}.Validate(), ""},
		{"seal id", SealOptions{ID: "dusky-lark"}.Validate(), ""},
		{"bad seal id", SealOptions{ID: "Bad Name"}.Validate(), `--id "Bad Name" is not a codename (lowercase letters, digits and dashes, like amber-heron)`},
	} {
		switch {
		case tc.want == "" && tc.err != nil:
			t.Errorf("%s: %v", tc.name, tc.err)
		case tc.want == "":
		case tc.err == nil:
			t.Errorf("%s: no error, want %q", tc.name, tc.want)
		case tc.err.Error() != tc.want:
			t.Errorf("%s: %q, want %q", tc.name, tc.err, tc.want)
		case problem.Code(tc.err) != problem.ExitUsage:
			t.Errorf("%s: exit %d, want a usage error", tc.name, problem.Code(tc.err))
		}
	}
	var bad *BadIDError
	if !errors.As(CheckID("2026-12-10-quiet-gannet"), &bad) || !bad.Session() {
		t.Errorf("CheckID of a session name: want a *BadIDError that looks like a session")
	}
}

func TestDefaultIdentities(t *testing.T) {
	const want = "$IRP_IDENTITY, ~/.config/irp/identity, ~/.ssh/id_ed25519, ~/.ssh/id_rsa"
	if got := DefaultIdentities(); got != want {
		t.Errorf("DefaultIdentities() = %q, want %q", got, want)
	}
}
