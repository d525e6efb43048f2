package impact

import (
	"math"
	"sort"
)

// BucketCount is the traffic of one time bucket, all groups together.
type BucketCount struct {
	Start     int64 // Unix ns
	Requests  uint64
	Failed    uint64 // 5xx
	Abandoned uint64 // 499
}

// Buckets returns the traffic per bucket from the first to the last bucket
// holding a request, empty buckets included.
func (a *Aggregate) Buckets() []BucketCount {
	if len(a.cells) == 0 {
		return nil
	}
	lo, hi := a.cells[0].key.bucket, a.cells[0].key.bucket
	for _, c := range a.cells {
		lo, hi = min(lo, c.key.bucket), max(hi, c.key.bucket)
	}
	if hi-lo > maxBuckets {
		lo = hi - maxBuckets
	}
	out := make([]BucketCount, hi-lo+1)
	width := int64(a.Params.Bucket)
	for i := range out {
		out[i].Start = (lo + int64(i)) * width
	}
	for _, c := range a.cells {
		if c.key.bucket < lo {
			continue
		}
		b := &out[c.key.bucket-lo]
		for _, s := range c.statuses {
			b.Requests += s.n
			switch {
			case s.code >= 500 && s.code <= 599:
				b.Failed += s.n
			case s.code == 499:
				b.Abandoned += s.n
			}
		}
	}
	return out
}

// maxBuckets bounds the chart and the detection (a stray timestamp years
// away must not allocate millions of empty buckets).
const maxBuckets = 100000

// Detection tuning. A bucket is elevated when its failures stand clearly
// above what the baseline rate predicts: at least minFailures, more than
// sigmas standard deviations above the expected count, at least twice the
// baseline rate and at least minRise above it. Elevated runs separated by
// at most maxGap quiet buckets are one outage. The thresholds are wide on
// purpose: on the generator's healthy logs (bucket counts from 30 to 3,000
// requests, baselines up to 2%) no bucket qualifies, while a real outage
// fails tens of percent of requests.
const (
	minFailures = 5
	sigmas      = 5
	slack       = 4
	minRise     = 0.01
	maxGap      = 2
)

// Detection is the outcome of looking for an outage window.
type Detection struct {
	Found    bool
	From, To int64   // Unix ns, To exclusive
	Baseline float64 // the log's usual failure rate (median over buckets)
}

// Detect finds the span of buckets whose failure rate stands clearly above
// the log's baseline (the median bucket failure rate, so the outage must
// cover less than half the log). When several separate spans qualify it
// picks the one with the most excess failures.
func Detect(buckets []BucketCount, width int64) Detection {
	var rates []float64
	for _, b := range buckets {
		if b.Requests > 0 {
			rates = append(rates, float64(b.Failed)/float64(b.Requests))
		}
	}
	if len(rates) == 0 {
		return Detection{}
	}
	sort.Float64s(rates)
	base := rates[len(rates)/2]
	if len(rates)%2 == 0 {
		base = (rates[len(rates)/2-1] + rates[len(rates)/2]) / 2
	}
	d := Detection{Baseline: base}
	excess := make([]float64, len(buckets))
	elevated := make([]bool, len(buckets))
	for i, b := range buckets {
		if b.Requests == 0 {
			continue
		}
		n, f := float64(b.Requests), float64(b.Failed)
		want := n * base
		rate := f / n
		if b.Failed >= minFailures && f >= want+sigmas*math.Sqrt(want)+slack &&
			rate >= 2*base && rate >= base+minRise {
			elevated[i] = true
			excess[i] = f - want
		}
	}
	bestScore := 0.0
	for i := 0; i < len(buckets); {
		if !elevated[i] {
			i++
			continue
		}
		start, end, score := i, i, 0.0
		for j := i; j < len(buckets) && j-end <= maxGap+1; j++ {
			if elevated[j] {
				end = j
				score += excess[j]
			}
		}
		if score > bestScore {
			bestScore = score
			d.Found, d.From, d.To = true, buckets[start].Start, buckets[end].Start+width
		}
		i = end + 1
	}
	return d
}
