package scenario

import "testing"

func TestSetID(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"yaml", "---\nid: old-one\ntitle: T\n---\nbody id: x\n", "---\nid: new-one\ntitle: T\n---\nbody id: x\n"},
		{"yaml without id", "---\ntitle: T\n---\nbody\n", "---\nid: new-one\ntitle: T\n---\nbody\n"},
		{"toml", "+++\nid = \"old-one\"\ntitle = \"T\"\n+++\nbody\n", "+++\nid = \"new-one\"\ntitle = \"T\"\n+++\nbody\n"},
	} {
		got, err := SetID("s.md", []byte(tc.src), "new-one")
		if err != nil || string(got) != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
	if _, err := SetID("s.md", []byte("no front matter\n"), "new-one"); err == nil {
		t.Error("no front matter: no error")
	}
}
