package problem

import (
	"errors"
	"fmt"
	"testing"
)

func TestCodeAndHint(t *testing.T) {
	base := errors.New("boom")
	tests := []struct {
		name string
		err  error
		code int
		hint string
	}{
		{"nil", nil, ExitOK, ""},
		{"plain", base, ExitProblem, ""},
		{"found", Found, ExitProblem, ""},
		{"usage", Usagef("bad flag %q", "x"), ExitUsage, ""},
		{"hinted usage", WithHint(Usage(base), "try --help"), ExitUsage, "try --help"},
		{"wrapped hint", fmt.Errorf("open: %w", WithHint(base, "run irp vault init")), ExitProblem, "run irp vault init"},
	}
	for _, tt := range tests {
		if got := Code(tt.err); got != tt.code {
			t.Errorf("%s: Code = %d, want %d", tt.name, got, tt.code)
		}
		if got := Hint(tt.err); got != tt.hint {
			t.Errorf("%s: Hint = %q, want %q", tt.name, got, tt.hint)
		}
	}
}
