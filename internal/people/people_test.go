package people

import (
	"slices"
	"strings"
	"testing"
)

const sample = `
[ana]
name = "Ana Lopez"
experienced = true
prerequisites = ["Ops VPN credentials", "two-factor setup "]

[ben]
name = "Ben de Vries"
initials = "BdV"
sessions = 4

[cy]
`

func TestParse(t *testing.T) {
	d, err := Parse("people.toml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Handles(); !slices.Equal(got, []string{"ana", "ben", "cy"}) {
		t.Fatalf("handles %v", got)
	}
	ana := d["ana"]
	if !ana.Experienced || !ana.Has("Two-factor setup") || ana.Has("Own deployment") {
		t.Errorf("ana = %+v", ana)
	}
	if got := ana.Missing([]string{"Ops VPN credentials", "Own deployment", "Two-factor setup"}); !slices.Equal(got, []string{"Own deployment"}) {
		t.Errorf("missing %v", got)
	}
	for _, tt := range []struct {
		handle   string
		initials bool
		want     string
	}{
		{"ana", false, "Ana Lopez"}, {"ana", true, "AL"}, {"ben", true, "BdV"},
		{"cy", false, "cy"}, {"cy", true, "C"}, {"nobody-here", true, "NH"},
	} {
		if got := d.Display(tt.handle, tt.initials); got != tt.want {
			t.Errorf("Display(%q, %v) = %q, want %q", tt.handle, tt.initials, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"[ana]\nnmae = \"x\"\n", `people.toml:2: unknown field "ana.nmae"`},
		{"[ana]\nsessions = \"two\"\n", "people.toml:2:"},
		{"[ana]\nsessions = -1\n", "ana.sessions is -1"},
		{"[ana\n", "people.toml:1:"},
	} {
		_, err := Parse("people.toml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) err = %v, want containing %q", tt.src, err, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("[a]\nsessions = 1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("people.toml", src)
		if err != nil {
			return
		}
		for _, h := range d.Handles() {
			_ = d.Display(h, true)
			_ = d[h].Missing([]string{"x"})
		}
	})
}
