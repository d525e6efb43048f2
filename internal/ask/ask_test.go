package ask

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"irp/internal/problem"
)

func TestConfirm(t *testing.T) {
	for _, c := range []struct {
		name, answer     string
		interactive, yes bool
		want             error
		asked            bool
	}{
		{"--yes", "", false, true, nil, false},
		{"y", "y\n", true, false, nil, true},
		{"YES", " YES \n", true, false, nil, true},
		{"no", "n\n", true, false, ErrNotConfirmed, true},
		{"nothing", "", true, false, ErrNotConfirmed, true},
	} {
		var out bytes.Buffer
		err := Confirm(strings.NewReader(c.answer), &out, c.interactive, c.yes)("Retire it?")
		if !errors.Is(err, c.want) || (err == nil) != (c.want == nil) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
		if asked := out.String() == "Retire it? [y/N] "; asked != c.asked {
			t.Errorf("%s: asked %q", c.name, out.String())
		}
	}
	// No terminal and no --yes: a usage error that says how to go on.
	err := Confirm(strings.NewReader("y\n"), new(bytes.Buffer), false, false)("Remove it?")
	if problem.Code(err) != problem.ExitUsage || !strings.Contains(err.Error(), "Pass --yes") {
		t.Errorf("without a terminal: %v (exit %d)", err, problem.Code(err))
	}
}
