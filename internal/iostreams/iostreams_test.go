package iostreams

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// Only a terminal is a terminal: buffers, readers and files are not.
func TestNotTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: f}
	if s.IsTerminal() || s.OutIsTerminal() || s.ErrIsTerminal() {
		t.Errorf("IsTerminal %v, OutIsTerminal %v, ErrIsTerminal %v: want all false", s.IsTerminal(), s.OutIsTerminal(), s.ErrIsTerminal())
	}
}
