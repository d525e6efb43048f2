package vault

import (
	"fmt"
	"strings"
	"testing"
)

func BenchmarkRekey100x10(b *testing.B) {
	v, ids := newVault(b, 10)
	s := sample(b, "x", "")
	for i := range 100 {
		s2 := *s
		s2.ID = fmt.Sprintf("s-%03d", i)
		s2.Source = []byte(strings.Replace(string(s.Source), "id: x", "id: "+s2.ID, 1))
		if err := v.Put(&s2); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if _, err := v.Rekey(ids[:1]); err != nil {
			b.Fatal(err)
		}
	}
}
