package impact

import (
	"testing"
	"time"
)

// buckets builds a minute-bucket series of 1,000 requests each with 0.2%
// failures, except the given buckets, which fail at the given rate.
func buckets(n int, bad map[int]float64) []BucketCount {
	out := make([]BucketCount, n)
	for i := range out {
		out[i] = BucketCount{Start: int64(i) * int64(time.Minute), Requests: 1000, Failed: 2}
		if r, ok := bad[i]; ok {
			out[i].Failed = uint64(r * 1000)
		}
	}
	return out
}

func span(from, to int, rate float64, m map[int]float64) map[int]float64 {
	for i := from; i < to; i++ {
		m[i] = rate
	}
	return m
}

// TestDetectMergesShortGaps: elevated runs up to maxGap quiet buckets apart
// are one outage; farther apart, the run with the most excess failures is
// the window.
func TestDetectMergesShortGaps(t *testing.T) {
	minute := int64(time.Minute)
	for _, tc := range []struct {
		name     string
		bad      map[int]float64
		from, to int // want, in buckets; from == to: none
	}{
		{"one run", span(10, 15, 0.3, map[int]float64{}), 10, 15},
		{"gap of one", span(17, 20, 0.3, span(10, 16, 0.3, map[int]float64{})), 10, 20},
		{"gap of two", span(18, 21, 0.3, span(10, 16, 0.3, map[int]float64{})), 10, 21},
		{"gap of three: the bigger run", span(19, 21, 0.3, span(10, 16, 0.3, map[int]float64{})), 10, 16},
		{"far apart: the bigger run", span(40, 48, 0.5, span(10, 13, 0.3, map[int]float64{})), 40, 48},
		{"a blip below the threshold", map[int]float64{30: 0.005}, 0, 0},
		{"healthy", map[int]float64{}, 0, 0},
	} {
		d := Detect(buckets(60, tc.bad), minute)
		switch {
		case tc.from == tc.to && d.Found:
			t.Errorf("%s: window %d–%d, want none", tc.name, d.From/minute, d.To/minute)
		case tc.from != tc.to && (!d.Found || d.From != int64(tc.from)*minute || d.To != int64(tc.to)*minute):
			t.Errorf("%s: window %v %d–%d, want %d–%d", tc.name, d.Found, d.From/minute, d.To/minute, tc.from, tc.to)
		}
	}
	// Empty buckets inside an outage (no traffic at all) do not split it.
	bs := buckets(60, span(10, 20, 0.4, map[int]float64{}))
	bs[14] = BucketCount{Start: bs[14].Start}
	if d := Detect(bs, minute); !d.Found || d.From != 10*minute || d.To != 20*minute {
		t.Errorf("an empty bucket splits the outage: %v %d–%d", d.Found, d.From/minute, d.To/minute)
	}
}
