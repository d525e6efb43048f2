package provenance

import (
	"strings"
	"testing"
)

func TestManta(t *testing.T) {
	tests := []struct {
		in   any
		want string // "" ok, else a word of the message
	}{
		{[]any{"v1", "v2"}, ""},
		{[]any{"v2"}, ""},
		{[]string{"v1"}, ""},
		{nil, "missing"},
		{[]any{}, "must list"},
		{"v1", "must list"},
		{[]any{"v3"}, "not a Manta version"},
		{[]any{1}, "not a Manta version"},
		{[]any{"v1", "v1"}, "twice"},
	}
	for _, tt := range tests {
		got, msg := Manta(tt.in)
		if tt.want == "" {
			if msg != "" || len(got) == 0 {
				t.Errorf("Manta(%v) = %v, %q; want ok", tt.in, got, msg)
			}
			continue
		}
		if !strings.Contains(msg, tt.want) {
			t.Errorf("Manta(%v) message %q; want it to say %q", tt.in, msg, tt.want)
		}
	}
}

func TestPinned(t *testing.T) {
	sha := "0123456789abcdef0123456789abcdef01234567"
	ok := []string{
		"https://github.com/TritonDataCenter/manta-mlive/blob/" + sha + "/bin/mlive#L10-L20",
		"https://github.com/TritonDataCenter/manta/tree/" + sha + "/docs",
		"https://github.com/illumos/illumos-gate/commit/" + sha,
		"https://illumos.org/man/1/svcs",
		"https://www.joyent.com/blog/manta-postmortem-7-27-2015",
	}
	for _, u := range ok {
		if msg := Pinned(u); msg != "" {
			t.Errorf("Pinned(%q) = %q; want ok", u, msg)
		}
	}
	bad := []string{
		"https://github.com/TritonDataCenter/manta-mlive/blob/master/README.md",
		"https://github.com/TritonDataCenter/manta-mlive",
		"https://github.com/TritonDataCenter/manta-mlive/blob/0123456/README.md",
		"https://GitHub.com/TritonDataCenter/manta/blob/mantav1/docs/x.md",
		"https://github.com/TritonDataCenter/manta/blob/" + strings.ToUpper(sha) + "/x",
	}
	for _, u := range bad {
		if msg := Pinned(u); !strings.Contains(msg, "not pinned") {
			t.Errorf("Pinned(%q) = %q; want a 'not pinned' message", u, msg)
		}
	}
}

func FuzzPinned(f *testing.F) {
	f.Add("https://github.com/a/b/blob/0123456789abcdef0123456789abcdef01234567/c")
	f.Add("https://github.com/a/b")
	f.Add("%zz")
	f.Fuzz(func(t *testing.T, u string) {
		msg := Pinned(u)
		if msg != "" && !strings.Contains(msg, "not pinned") {
			t.Fatalf("unexpected message %q", msg)
		}
	})
}
