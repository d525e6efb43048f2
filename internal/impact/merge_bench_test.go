package impact

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"syscall"
	"testing"
	"time"

	"irp/internal/impact/gen"
)

// zoneDay builds the aggregate of one webapi zone's day of audit records
// without writing the log: perSecond requests with gen's operation mix,
// latencies and statuses, and an outage from 10:00 to 10:32.
func zoneDay(seed uint64, perSecond float64) *Aggregate {
	r := rand.New(rand.NewPCG(seed, seed*7+1))
	start := time.Date(2017, 6, 1, 0, 0, 0, 0, time.UTC)
	outFrom, outTo := start.Add(10*time.Hour), start.Add(10*time.Hour+32*time.Minute)
	var cum []float64
	sum := 0.0
	for _, op := range gen.Operations {
		sum += op.Weight
		cum = append(cum, sum)
	}
	a := NewAggregate(Params{Bucket: time.Minute, By: ByOperation})
	n := int(perSecond * 86400)
	step := int64(86400e9) / int64(n)
	var rec Record
	for i := range n {
		t := start.UnixNano() + int64(i)*step
		x := r.Float64() * sum
		oi := 0
		for cum[oi] < x {
			oi++
		}
		op := gen.Operations[oi]
		status, lat := op.OK, op.MedianMs*math.Exp(0.6*r.NormFloat64())
		fail := 0.002
		if t >= outFrom.UnixNano() && t < outTo.UnixNano() {
			fail = op.Outage
		}
		switch u := r.Float64(); {
		case u < fail:
			status, lat = 503, lat*6
		case u < fail+op.NotFound:
			status = 404
		}
		rec = Record{Time: t, Status: status, Latency: math.Trunc(lat), HasLatency: true, Operation: []byte(op.Name)}
		a.Add(&rec)
	}
	a.Lines = uint64(n)
	return a
}

// BenchmarkMergeRegion is the reduce of a region: the partials of 200
// webapi zones, each a day of 30 requests a second (2.6 million records),
// merged into one report. Eight distinct zone-days are generated and each
// stands for 25 zones.
func BenchmarkMergeRegion(b *testing.B) {
	const zones, distinct = 200, 8
	var partials [][]byte
	var total int
	for i := range distinct {
		var buf bytes.Buffer
		if err := zoneDay(uint64(i+1), 30).WritePartial(&buf); err != nil {
			b.Fatal(err)
		}
		partials = append(partials, buf.Bytes())
		total += buf.Len()
	}
	b.ReportMetric(float64(total/distinct)/1024, "KB/partial")
	var stream bytes.Buffer
	for z := range zones {
		stream.Write(partials[z%distinct])
	}
	b.SetBytes(int64(stream.Len()))
	runtime.GC()
	cpu0 := cpuTime()
	b.ResetTimer()
	var m Merger
	for b.Loop() {
		m = Merger{}
		if err := m.Read(bytes.NewReader(stream.Bytes())); err != nil {
			b.Fatal(err)
		}
		if _, err := Summarize(m.Aggregate()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// The machine may be shared: CPU time says what the merge costs.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	peak := ms.HeapInuse
	partials = nil
	runtime.GC()
	runtime.ReadMemStats(&ms)
	fmt.Printf("merged %d zone-day partials (%.1f MB in all, held in memory by the benchmark); heap in use at the end: %d MB, after GC with the merge alive: %d MB\n",
		zones, float64(stream.Len())/1e6, peak>>20, ms.HeapInuse>>20)
	runtime.KeepAlive(m.Aggregate())
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
