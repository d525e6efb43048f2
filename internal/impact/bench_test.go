package impact

import (
	"bytes"
	"testing"
	"time"
)

func benchLog(b *testing.B) []byte {
	c := small(11)
	c.PerSecond = 20
	return join(generate(c).lines)
}

func BenchmarkParseLine(b *testing.B) {
	data := benchLog(b)
	lines := bytes.Split(data, []byte("\n"))
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	var r Record
	for b.Loop() {
		for _, l := range lines {
			ParseLine(l, &r)
		}
	}
}

func BenchmarkRead(b *testing.B) {
	data := benchLog(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		Read(Params{Bucket: time.Minute, By: ByOperation}, []Input{fromBytes("a.log", data)}, nil)
	}
}
