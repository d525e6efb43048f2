package impact

import (
	"math"
	"strconv"
	"sync"
)

// Latencies go into logarithmic bins, as in DDSketch: bin i holds the values
// in (γ^(i-1), γ^i] with γ = (1+α)/(1-α), and reads back as 2γ^i/(γ+1),
// which is within α of every value in the bin. Bins merge by adding counts,
// so partial aggregates merge exactly.
const (
	// RelativeError is the bound on a reported percentile's error, relative
	// to the exact latency at that rank.
	RelativeError = 0.01

	minLatency = 1e-3 // ms; anything at or below reads back as 0
	binOffset  = 400  // so that the bin of minLatency is positive
	maxBin     = 1<<12 - 1
)

var (
	gamma    = (1 + RelativeError) / (1 - RelativeError)
	logGamma = math.Log(gamma)
	// intBins caches the bin of small whole-millisecond latencies, which is
	// what muskie logs. It is filled on first use (loadTables), not at
	// start-up: every irp command links this package.
	intBins    *[1 << 14]uint16
	tablesOnce sync.Once
)

// loadTables fills intBins and statusNames; NewAggregate calls it, before
// any Add.
func loadTables() {
	tablesOnce.Do(func() {
		t := new([1 << 14]uint16)
		for v := range t {
			t[v] = computeBin(float64(v))
		}
		intBins = t
		names := new([1000][]byte)
		for i := range names {
			names[i] = strconv.AppendInt(nil, int64(i), 10)
		}
		statusNames = names
	})
}

// latencyBin returns the histogram bin of a latency in ms.
func latencyBin(v float64) uint16 {
	if v >= 0 && v < float64(len(intBins)) && v == math.Trunc(v) {
		return intBins[int(v)]
	}
	return computeBin(v)
}

func computeBin(v float64) uint16 {
	if !(v > minLatency) { // also NaN
		return 0
	}
	i := int(math.Ceil(math.Log(v)/logGamma)) + binOffset
	switch {
	case i < 1:
		return 1
	case i > maxBin:
		return maxBin
	}
	return uint16(i)
}

// binValue is the latency a bin reads back as.
func binValue(bin uint16) float64 {
	if bin == 0 {
		return 0
	}
	return 2 * math.Pow(gamma, float64(int(bin)-binOffset)) / (gamma + 1)
}

// histogram counts latencies per bin.
type histogram map[uint16]uint64

// quantile returns the latency at rank ceil(q·n) (nearest rank), within
// RelativeError of the exact value.
func (h histogram) quantile(q float64) float64 {
	var n uint64
	for _, c := range h {
		n += c
	}
	if n == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(n)))
	if rank < 1 {
		rank = 1
	}
	var cum uint64
	for b := 0; b <= maxBin; b++ {
		cum += h[uint16(b)]
		if cum >= rank {
			return binValue(uint16(b))
		}
	}
	return 0
}
