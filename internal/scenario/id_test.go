package scenario

import (
	"regexp"
	"strings"
	"testing"
)

// The codename rule as a regular expression; ValidID is the same rule
// without compiling a regexp at every irp start.
var idRule = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"amber-heron": true, "a": true, "a1-2b": true, "x" + strings.Repeat("y", 63): true,
		"": false, "-a": false, "a-": false, "a--b": false, "1a": false, "A": false,
		"a_b": false, "a.b": false, "a/b": false, "a b": false, "é": false,
		"x" + strings.Repeat("y", 64): false,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}

func FuzzValidID(f *testing.F) {
	for _, s := range []string{"amber-heron", "a--b", "a-", "Z", "a1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		want := len(id) <= 64 && idRule.MatchString(id)
		if got := ValidID(id); got != want {
			t.Fatalf("ValidID(%q) = %v, the rule says %v", id, got, want)
		}
	})
}
