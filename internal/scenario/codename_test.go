package scenario

import "testing"

func TestRevealing(t *testing.T) {
	for id, want := range map[string]string{
		"postgres-disk-full": "postgres",
		"slow-heron":         "slow",
		"amber-heron":        "",
		"pale-finch":         "",
		"zk-quorum":          "zk",
		"storinfo":           "storinfo",
		"ashen-dipper-2":     "",
	} {
		if got := Revealing(id); got != want {
			t.Errorf("Revealing(%q) = %q, want %q", id, got, want)
		}
	}
}
