package site

import (
	"strings"
	"testing"
)

// collapseRunes is collapse as first written, rune by rune: the reference
// the faster one is held to.
func collapseRunes(s string) string {
	var b strings.Builder
	space, block := false, false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			space = true
			continue
		case blockSep:
			space, block = true, true
			continue
		}
		if space && b.Len() > 0 {
			if block {
				b.WriteRune(blockSep)
			} else {
				b.WriteByte(' ')
			}
		}
		space, block = false, false
		b.WriteRune(r)
	}
	return b.String()
}

func FuzzCollapse(f *testing.F) {
	for _, s := range []string{"", "  a  b ", "x\u2029 \ny", "\u00a0é\tü ", "a\xffb \xfe", "日本\u2029\u2029語 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapse(s), collapseRunes(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	})
}
