package impact

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	for _, tc := range []struct {
		read, total int64
		done, files int
		elapsed     time.Duration
		want        string
	}{
		{1_500_000_000, 4_000_000_000, 1, 3, 2 * time.Second, "irp impact: read 1.50 GB of 4.00 GB (38%), 750 MB/s, 1 of 3 files"},
		{2_000_000, 0, 0, 1, time.Second, "irp impact: read 2 MB, 2 MB/s"},
		{0, 10, 0, 1, 0, "irp impact: read 0 B of 10 B (0%)"},
	} {
		if got := progressLine(tc.read, tc.total, tc.done, tc.files, tc.elapsed); got != tc.want {
			t.Errorf("progressLine = %q, want %q", got, tc.want)
		}
	}
}

// TestShowProgressClears checks the line is blanked when the report is
// about to be printed.
func TestShowProgressClears(t *testing.T) {
	var b syncBuffer
	m := &Meter{}
	m.Bytes.Store(5e6)
	stop := ShowProgress(&b, m, 1e7, 2, time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	stop()
	out := b.String()
	if !strings.Contains(out, "read 5 MB of 10 MB (50%)") {
		t.Fatalf("no progress line in %q", out)
	}
	last := out[strings.LastIndexByte(out[:len(out)-1], '\r'):]
	if strings.TrimSpace(last) != "" || !strings.HasSuffix(out, "\r") {
		t.Errorf("progress not cleared at the end: %q", last)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
