package impact

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"irp/internal/impact/gen"
)

type genLog struct {
	cfg    gen.Config
	lines  [][]byte
	events []gen.Event
}

// small is a short log with a clear outage, quick enough for -race.
func small(seed uint64) gen.Config {
	c := gen.Default()
	c.Seed = seed
	c.Duration = 40 * time.Minute
	c.PerSecond = 5
	c.OutageFrom = c.Start.Add(14 * time.Minute)
	c.OutageTo = c.Start.Add(26 * time.Minute)
	c.Noise = 0.05
	return c
}

func generate(c gen.Config) genLog {
	g := genLog{cfg: c}
	gen.Generate(c, func(ev gen.Event, line []byte) {
		g.lines = append(g.lines, bytes.Clone(line))
		g.events = append(g.events, ev)
	})
	return g
}

func join(lines [][]byte) []byte {
	var b bytes.Buffer
	for _, l := range lines {
		b.Write(l)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gzipped(data []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

func readAll(t testing.TB, p Params, inputs ...Input) *Aggregate {
	t.Helper()
	a, errs := Read(p, inputs, nil)
	if len(errs) > 0 {
		t.Fatalf("Read: %v", errs)
	}
	return a
}

func fromBytes(name string, data []byte) Input {
	return Input{Name: name, Reader: bytes.NewReader(data)}
}

func summarize(t testing.TB, a *Aggregate) *Report {
	t.Helper()
	r, err := Summarize(a)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func jsonOf(t testing.TB, r *Report) string {
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

type truth struct {
	requests, failed, abandoned uint64
	statuses                    map[int]uint64
	latencies                   []float64
}

func groundTruth(g genLog, from, to time.Time) (map[string]*truth, [numSkips]uint64) {
	return groundTruthBy(g, from, to, func(ev gen.Event) string { return ev.Operation })
}

// groundTruthBy is the ground truth grouped by key (operation, host, ...).
func groundTruthBy(g genLog, from, to time.Time, key func(gen.Event) string) (map[string]*truth, [numSkips]uint64) {
	per := map[string]*truth{}
	var skips [numSkips]uint64
	for _, ev := range g.events {
		switch ev.Kind {
		case gen.NotAudit:
			skips[SkipNotAudit]++
			continue
		case gen.Garbage, gen.Truncated:
			skips[SkipNotJSON]++
			continue
		case gen.BadTime, gen.BadStatus:
			skips[SkipBadField]++
			continue
		}
		if ev.Time.Before(from) || !ev.Time.Before(to) {
			continue
		}
		tr := per[key(ev)]
		if tr == nil {
			tr = &truth{statuses: map[int]uint64{}}
			per[key(ev)] = tr
		}
		tr.requests++
		tr.statuses[ev.Status]++
		switch {
		case ev.Status >= 500:
			tr.failed++
		case ev.Status == 499:
			tr.abandoned++
		}
		tr.latencies = append(tr.latencies, float64(ev.LatencyMs))
	}
	return per, skips
}

func TestExactCountsInFixedWindow(t *testing.T) {
	g := generate(small(1))
	from := g.cfg.Start.Add(12*time.Minute + 30*time.Second + 123*time.Millisecond)
	to := g.cfg.Start.Add(20*time.Minute + 7*time.Second)
	p := Params{Bucket: time.Minute, By: ByOperation, Fixed: true, From: from.UnixNano(), To: to.UnixNano()}
	rep := summarize(t, readAll(t, p, fromBytes("a.log", join(g.lines))))
	want, skips := groundTruth(g, from, to)
	if rep.Skips != skips {
		t.Errorf("skips = %v, want %v", rep.Skips, skips)
	}
	if rep.Lines != uint64(len(g.lines)) {
		t.Errorf("lines = %d, want %d", rep.Lines, len(g.lines))
	}
	if rep.Window == nil || rep.Window.Detected || !rep.Window.Start.Equal(from) || !rep.Window.End.Equal(to) {
		t.Errorf("window = %+v, want the fixed one", rep.Window)
	}
	if len(rep.Groups) != len(want) {
		t.Errorf("%d operations, want %d", len(rep.Groups), len(want))
	}
	var total truth
	for _, gr := range rep.Groups {
		w := want[gr.Name]
		if w == nil {
			t.Errorf("unexpected operation %q", gr.Name)
			continue
		}
		if gr.Requests != w.requests || gr.Failed != w.failed || gr.Abandoned != w.abandoned {
			t.Errorf("%s: got %d/%d/%d, want %d/%d/%d", gr.Name, gr.Requests, gr.Failed, gr.Abandoned,
				w.requests, w.failed, w.abandoned)
		}
		if math.Abs(gr.FailedPct-100*float64(w.failed)/float64(w.requests)) > 1e-9 {
			t.Errorf("%s: failed_pct %v", gr.Name, gr.FailedPct)
		}
		for code, n := range w.statuses {
			if gr.Statuses[code] != n {
				t.Errorf("%s: status %d: %d, want %d", gr.Name, code, gr.Statuses[code], n)
			}
		}
		total.requests += w.requests
		total.failed += w.failed
		total.abandoned += w.abandoned
	}
	if rep.Total.Requests != total.requests || rep.Total.Failed != total.failed || rep.Total.Abandoned != total.abandoned {
		t.Errorf("total %+v, want %+v", rep.Total, total)
	}
}

// TestParsesGeneratedRecords ties the parser's field names to the
// generator's: every request line reads back as its ground truth.
func TestParsesGeneratedRecords(t *testing.T) {
	g := generate(small(8))
	var r Record
	for i, ev := range g.events {
		got := ParseLine(g.lines[i], &r)
		if ev.Kind != gen.Request {
			if got == SkipNone {
				t.Fatalf("line %d (kind %d) counted as a request: %s", i+1, ev.Kind, g.lines[i])
			}
			continue
		}
		if got != SkipNone || string(r.Operation) != ev.Operation || string(r.Host) != ev.Hostname ||
			string(r.Route) != ev.Route || r.Status != ev.Status || r.Time != ev.Time.Truncate(time.Millisecond).UnixNano() ||
			!r.HasLatency || r.Latency != float64(ev.LatencyMs) {
			t.Fatalf("line %d: %v %q %q %q %d %d %v, want %+v\n%s", i+1, got, r.Operation, r.Host, r.Route,
				r.Status, r.Time, r.Latency, ev, g.lines[i])
		}
	}
}

// TestPivotsMatchGroundTruth checks every --by key, and a pair of them,
// count exactly what the generator wrote; a record without the field
// counts under "(none)".
func TestPivotsMatchGroundTruth(t *testing.T) {
	c := small(9)
	c.Unrouted = 0.02 // requests without a route field group as "(none)"
	g := generate(c)
	from, to := c.Start.Add(5*time.Minute), c.Start.Add(30*time.Minute)
	for _, tc := range []struct {
		by  Pivot
		key func(gen.Event) string
	}{
		{ByHost, func(ev gen.Event) string { return ev.Hostname }},
		{ByRoute, func(ev gen.Event) string {
			if ev.Route == "" {
				return None
			}
			return ev.Route
		}},
		{ByStatus, func(ev gen.Event) string { return strconv.Itoa(ev.Status) }},
		{ByOperation, func(ev gen.Event) string { return ev.Operation }},
		{ByOwner, func(ev gen.Event) string { return ev.Owner }},
		{ByShard, func(ev gen.Event) string { return orNone(ev.Shard) }},
		{ByClient, func(ev gen.Event) string { return ev.Client }},
		{"operation,shard", func(ev gen.Event) string { return ev.Operation + keySep + orNone(ev.Shard) }},
		{"client,status", func(ev gen.Event) string { return ev.Client + keySep + strconv.Itoa(ev.Status) }},
	} {
		p := Params{Bucket: time.Minute, By: tc.by, Fixed: true, From: from.UnixNano(), To: to.UnixNano()}
		rep := summarize(t, readAll(t, p, fromBytes("a.log", join(g.lines))))
		want, _ := groundTruthBy(g, from, to, tc.key)
		if len(rep.Groups) != len(want) || len(want) < 2 {
			t.Errorf("by %s: %d groups, want %d", tc.by, len(rep.Groups), len(want))
		}
		for _, gr := range rep.Groups {
			w := want[gr.Name]
			if w == nil {
				t.Errorf("by %s: unexpected group %q", tc.by, gr.Name)
				continue
			}
			if gr.Requests != w.requests || gr.Failed != w.failed || gr.Abandoned != w.abandoned {
				t.Errorf("by %s, %s: got %d/%d/%d, want %d/%d/%d", tc.by, gr.Name, gr.Requests, gr.Failed,
					gr.Abandoned, w.requests, w.failed, w.abandoned)
			}
		}
		var b bytes.Buffer
		rep.WriteJSON(&b)
		list := ListName(tc.by)
		var doc map[string]any
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		rows, _ := doc[list].([]any)
		if len(rows) != len(rep.Groups) {
			t.Errorf("by %s: JSON has no %q list of %d rows: %s", tc.by, list, len(rep.Groups), b.String())
		} else {
			for _, item := range tc.by.Keys() {
				if _, ok := rows[0].(map[string]any)[string(item)]; !ok {
					t.Errorf("by %s: JSON rows have no %q key", tc.by, item)
				}
			}
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return None
	}
	return s
}

// TestTop keeps the largest groups and sums the rest into "(other)" with
// the same totals and percentiles as the whole.
func TestTop(t *testing.T) {
	g := generate(small(4))
	p := Params{Bucket: time.Minute, By: ByShard}
	all := summarize(t, readAll(t, p, fromBytes("a.log", join(g.lines))))
	top := summarize(t, readAll(t, p, fromBytes("a.log", join(g.lines))))
	top.Top(3)
	if len(all.Groups) < 6 || len(top.Groups) != 4 {
		t.Fatalf("%d groups, top 3 gives %d; want ≥ 6 and 4", len(all.Groups), len(top.Groups))
	}
	var rest uint64
	for i, gr := range all.Groups {
		if i < 3 {
			if top.Groups[i].Name != gr.Name || top.Groups[i].Requests != gr.Requests {
				t.Errorf("top row %d = %s %d, want %s %d", i, top.Groups[i].Name, top.Groups[i].Requests, gr.Name, gr.Requests)
			}
			continue
		}
		rest += gr.Requests
	}
	if o := top.Groups[3]; o.Name != Other || o.Requests != rest {
		t.Errorf("last row %s %d, want %s %d", o.Name, o.Requests, Other, rest)
	}
	// Everything in one "other" row has the total's percentiles.
	one := summarize(t, readAll(t, p, fromBytes("a.log", join(g.lines))))
	one.Top(0) // keeps all
	if len(one.Groups) != len(all.Groups) {
		t.Errorf("Top(0) left %d groups of %d", len(one.Groups), len(all.Groups))
	}
	one.Groups = append([]Group{{Name: "empty", Totals: Totals{Statuses: map[int]uint64{}}, hist: histogram{}}}, one.Groups...)
	one.Top(1)
	if o := one.Groups[1]; o.Requests != one.Total.Requests || o.P50 != one.Total.P50 || o.P99 != one.Total.P99 {
		t.Errorf("other row %+v, want the total %+v", o.Totals, one.Total)
	}
	pair := summarize(t, readAll(t, Params{Bucket: time.Minute, By: "operation,shard"}, fromBytes("a.log", join(g.lines))))
	pair.Top(1)
	if o := pair.Groups[1].Name; o != Other+keySep+Other {
		t.Errorf("two-key other row is %q", o)
	}
	var b bytes.Buffer
	pair.WriteJSON(&b)
	if !strings.Contains(b.String(), `"operations_by_shard":[{"operation":`) || !strings.Contains(b.String(), `{"operation":"(other)","shard":"(other)",`) {
		t.Errorf("two-key JSON: %s", b.String())
	}
	b.Reset()
	pair.WriteText(&b)
	if !regexp.MustCompile(`(?m)^operation +shard +requests`).MatchString(b.String()) {
		t.Errorf("two-key table has no operation and shard columns:\n%s", b.String())
	}
}

func TestParsePivot(t *testing.T) {
	for _, ok := range []string{"operation", "owner", "shard", "client", "operation,shard", "client,status"} {
		if _, err := ParsePivot(ok); err != nil {
			t.Errorf("ParsePivot(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "zone", "shard,shard", "a,b,c", "operation,", "operation,shard,host"} {
		if _, err := ParsePivot(bad); err == nil {
			t.Errorf("ParsePivot(%q) accepted", bad)
		}
	}
}

func TestDetectsClearOutages(t *testing.T) {
	for _, tc := range []struct {
		seed     uint64
		from, to time.Duration // outage, from the log's start
		bucket   time.Duration
		rate     float64
		hosts    int
		baseFail float64
	}{
		{1, 14 * time.Minute, 26 * time.Minute, time.Minute, 5, 8, 0.002},
		{2, 5*time.Minute + 20*time.Second, 9 * time.Minute, time.Minute, 10, 3, 0.01},
		{3, 31 * time.Minute, 38*time.Minute + 45*time.Second, 30 * time.Second, 8, 12, 0.001},
		{4, 20 * time.Minute, 23 * time.Minute, time.Minute, 10, 4, 0.005},
		{5, 2 * time.Minute, 17 * time.Minute, 2 * time.Minute, 4, 2, 0.003},
		{6, 10 * time.Minute, 12 * time.Minute, time.Minute, 3, 2, 0},
	} {
		c := small(tc.seed)
		c.OutageFrom, c.OutageTo = c.Start.Add(tc.from), c.Start.Add(tc.to)
		c.PerSecond, c.Hosts, c.BaseFail = tc.rate, tc.hosts, tc.baseFail
		g := generate(c)
		rep := summarize(t, readAll(t, Params{Bucket: tc.bucket, By: ByOperation}, fromBytes("a.log", join(g.lines))))
		if rep.Window == nil || !rep.Window.Detected {
			t.Errorf("seed %d: no window detected, want %s – %s", tc.seed, c.OutageFrom, c.OutageTo)
			continue
		}
		ds := rep.Window.Start.Sub(c.OutageFrom).Abs()
		de := rep.Window.End.Sub(c.OutageTo).Abs()
		if ds > tc.bucket || de > tc.bucket {
			t.Errorf("seed %d: window %s – %s, want within %s of %s – %s", tc.seed,
				rep.Window.Start, rep.Window.End, tc.bucket, c.OutageFrom, c.OutageTo)
		}
	}
}

func TestNoWindowOnHealthyLog(t *testing.T) {
	for seed := uint64(1); seed <= 8; seed++ {
		c := small(seed)
		c.OutageFrom, c.OutageTo = time.Time{}, time.Time{}
		c.BaseFail = []float64{0, 0.001, 0.005, 0.02}[seed%4]
		c.PerSecond = []float64{1, 4, 10}[seed%3]
		g := generate(c)
		for _, bucket := range []time.Duration{30 * time.Second, time.Minute, 5 * time.Minute} {
			rep := summarize(t, readAll(t, Params{Bucket: bucket, By: ByOperation}, fromBytes("a.log", join(g.lines))))
			if rep.Window != nil {
				t.Errorf("seed %d, bucket %s, base %.3f: window %s – %s on a healthy log", seed, bucket, c.BaseFail,
					rep.Window.Start, rep.Window.End)
			}
			var text bytes.Buffer
			rep.WriteText(&text)
			if !strings.Contains(text.String(), "No outage window detected") {
				t.Errorf("text does not say no window was found:\n%s", text.String())
			}
		}
	}
}

// nearestRank is the exact percentile the histogram approximates.
func nearestRank(v []float64, q float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	r := int(math.Ceil(q * float64(len(s))))
	return s[max(r, 1)-1]
}

func TestPercentilesWithinStatedError(t *testing.T) {
	g := generate(small(7))
	from, to := g.cfg.Start, g.cfg.Start.Add(time.Hour)
	p := Params{Bucket: time.Minute, By: ByOperation, Fixed: true, From: from.UnixNano(), To: to.UnixNano()}
	rep := summarize(t, readAll(t, p, fromBytes("a.log", join(g.lines))))
	want, _ := groundTruth(g, from, to)
	var all []float64
	check := func(name string, got, exact float64) {
		// The report rounds to 0.01 ms.
		if math.Abs(got-exact) > RelativeError*exact+0.005 {
			t.Errorf("%s: %v, exact %v: off by more than %.0f%%", name, got, exact, 100*RelativeError)
		}
	}
	for _, gr := range rep.Groups {
		w := want[gr.Name]
		all = append(all, w.latencies...)
		check(gr.Name+" p50", gr.P50, nearestRank(w.latencies, 0.5))
		check(gr.Name+" p99", gr.P99, nearestRank(w.latencies, 0.99))
	}
	check("total p50", rep.Total.P50, nearestRank(all, 0.5))
	check("total p99", rep.Total.P99, nearestRank(all, 0.99))
}

func TestHistogramBound(t *testing.T) {
	loadTables()
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		v := math.Exp(r.Float64()*25 - 6) // 0.0025 ms to ~200 s
		got := binValue(latencyBin(v))
		if math.Abs(got-v) > RelativeError*v*(1+1e-9) {
			t.Fatalf("latency %v reads back as %v", v, got)
		}
	}
}

// TestMergeOfAnySplit is the scale-out property: the partials of any split
// of the input merge into exactly the single-pass report.
func TestMergeOfAnySplit(t *testing.T) {
	g := generate(small(3))
	r := rand.New(rand.NewPCG(3, 4))
	c := g.cfg
	for _, p := range []Params{
		{Bucket: time.Minute, By: ByOperation},
		{Bucket: 30 * time.Second, By: ByHost},
		{Bucket: time.Minute, By: ByStatus},
		{Bucket: 2 * time.Minute, By: ByRoute, Fixed: true,
			From: c.Start.Add(10*time.Minute + time.Second).UnixNano(), To: c.Start.Add(29 * time.Minute).UnixNano()},
	} {
		single := jsonOf(t, summarize(t, readAll(t, p, fromBytes("all.log", join(g.lines)))))
		for trial := range 6 {
			k := 1 + r.IntN(6)
			parts := make([][][]byte, k)
			if trial%2 == 0 { // contiguous pieces
				cuts := []int{0, len(g.lines)}
				for range k - 1 {
					cuts = append(cuts, r.IntN(len(g.lines)+1))
				}
				sort.Ints(cuts)
				for i := range k {
					parts[i] = g.lines[cuts[i]:cuts[i+1]]
				}
			} else { // lines dealt at random
				for _, l := range g.lines {
					i := r.IntN(k)
					parts[i] = append(parts[i], l)
				}
			}
			var merged *Aggregate
			for i, part := range parts {
				a := readAll(t, p, fromBytes("part", join(part)))
				var buf bytes.Buffer
				if err := a.WritePartial(&buf); err != nil {
					t.Fatal(err)
				}
				b, err := readPartial(&buf, i)
				if err != nil {
					t.Fatalf("readPartial: %v", err)
				}
				if merged == nil {
					merged = b
				} else if err := merged.Merge(b); err != nil {
					t.Fatal(err)
				}
			}
			if got := jsonOf(t, summarize(t, merged)); got != single {
				t.Fatalf("%s, %d parts: merged report differs\n got %s\nwant %s", p.describe(), k, got, single)
			}
		}
	}
}

func TestMergeRefusesDifferentParams(t *testing.T) {
	a := NewAggregate(Params{Bucket: time.Minute, By: ByOperation})
	b := NewAggregate(Params{Bucket: 30 * time.Second, By: ByOperation})
	if err := a.Merge(b); err == nil {
		t.Fatal("merged aggregates of different buckets")
	}
}

func TestMixedOrderAcrossFiles(t *testing.T) {
	g := generate(small(4))
	p := Params{Bucket: time.Minute, By: ByOperation}
	want := jsonOf(t, summarize(t, readAll(t, p, fromBytes("a.log", join(g.lines)))))
	r := rand.New(rand.NewPCG(5, 6))
	shuffled := append([][]byte(nil), g.lines...)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	dir := t.TempDir()
	n := len(shuffled) / 3
	inputs := []Input{
		{Name: writeFile(t, dir, "c.log", join(shuffled[2*n:]))},
		{Name: writeFile(t, dir, "a.log.gz", gzipped(join(shuffled[:n])))},
		{Name: writeFile(t, dir, "b.log", join(shuffled[n:2*n]))},
	}
	got := jsonOf(t, summarize(t, readAll(t, p, inputs...)))
	if got != want {
		t.Fatalf("shuffled across files:\n got %s\nwant %s", got, want)
	}
}

func TestGzipAndTruncatedGzip(t *testing.T) {
	g := generate(small(5))
	p := Params{Bucket: time.Minute, By: ByOperation}
	data := join(g.lines)
	want := jsonOf(t, summarize(t, readAll(t, p, fromBytes("a.log", data))))
	dir := t.TempDir()
	gz := gzipped(data)
	if got := jsonOf(t, summarize(t, readAll(t, p, Input{Name: writeFile(t, dir, "a.log.gz", gz)}))); got != want {
		t.Errorf(".gz report differs:\n got %s\nwant %s", got, want)
	}

	// A truncated .gz: its error names the file, the other file still counts.
	half := writeFile(t, dir, "half.log.gz", gz[:len(gz)/2])
	other := writeFile(t, dir, "other.log", join(g.lines[:100]))
	a, errs := Read(p, []Input{{Name: half}, {Name: other}}, nil)
	if len(errs) != 1 {
		t.Fatalf("errors %v, want one", errs)
	}
	var fe *FileError
	if !errors.As(errs[0], &fe) || fe.Name != half || !strings.Contains(errs[0].Error(), "truncated") {
		t.Errorf("error %q does not name the truncated file", errs[0])
	}
	if a.Lines <= 100 || a.Lines >= uint64(len(g.lines))+100 {
		t.Errorf("read %d lines: want the first part of the .gz plus 100", a.Lines)
	}

	// A missing file is named too.
	_, errs = Read(p, []Input{{Name: filepath.Join(dir, "nope.log")}, {Name: other}}, nil)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "nope.log") {
		t.Errorf("missing file: errors %v", errs)
	}
}

func TestLongLinesAndNoFinalNewline(t *testing.T) {
	g := generate(small(6))
	long := append([]byte(`{"audit":true,"pad":"`), bytes.Repeat([]byte("x"), 3*chunkSize)...)
	long = append(long, `","time":"2017-06-01T09:31:00Z","operation":"getstorage","res":{"statusCode":200}}`...)
	lines := append([][]byte{long}, g.lines...)
	lines = append(lines, long)
	data := join(lines)
	data = data[:len(data)-1]
	a := readAll(t, Params{Bucket: time.Minute, By: ByOperation}, fromBytes("a.log", data))
	if a.Lines != uint64(len(lines)) {
		t.Errorf("lines %d, want %d", a.Lines, len(lines))
	}
	_, skips := groundTruth(g, time.Time{}, time.Time{})
	if a.Skips != skips {
		t.Errorf("skips %v, want %v", a.Skips, skips)
	}
}

func TestNoRecords(t *testing.T) {
	for _, in := range []string{"", "garbage\n{\"name\":\"muskie\",\"msg\":\"hi\"}\n"} {
		a := readAll(t, Params{Bucket: time.Minute, By: ByOperation}, fromBytes("-", []byte(in)))
		if _, err := Summarize(a); !errors.Is(err, ErrNoRecords) {
			t.Errorf("%q: err %v, want ErrNoRecords", in, err)
		}
	}
}

func TestSkipSamplesAreFirstLines(t *testing.T) {
	var lines [][]byte
	for i := range 3 * chunkSize / 100 {
		if i%1000 == 7 {
			lines = append(lines, []byte("junk"))
		} else {
			lines = append(lines, []byte(`{"audit":true,"time":"2017-06-01T09:31:00Z","res":{"statusCode":200},"latency":5}`))
		}
	}
	a := readAll(t, Params{Bucket: time.Minute, By: ByOperation}, fromBytes("x.log", join(lines)))
	if len(a.Samples) != maxSamples {
		t.Fatalf("%d samples", len(a.Samples))
	}
	for i, s := range a.Samples {
		if want := uint64(1000*i + 8); s.Line != want || s.File != "x.log" || s.Reason != SkipNotJSON {
			t.Errorf("sample %d = %+v, want line %d", i, s, want)
		}
	}
}

func TestSVGIsSelfContained(t *testing.T) {
	g := generate(small(2))
	rep := summarize(t, readAll(t, Params{Bucket: time.Minute, By: ByOperation}, fromBytes("a.log", join(g.lines))))
	var b bytes.Buffer
	if err := rep.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, bad := range []string{"href", "@import", "url(", "<script"} {
		if strings.Contains(s, bad) {
			t.Errorf("SVG contains %q", bad)
		}
	}
	for _, want := range []string{`class="win"`, "UTC", "09:30", `class="fail"`} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

// readPartial reads one partial written by WritePartial, as merge reads
// each of its inputs; input numbers it among them.
func readPartial(r io.Reader, input int) (*Aggregate, error) {
	var pf partialFile
	dec := json.NewDecoder(bufio.NewReader(r))
	if err := dec.Decode(&pf); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty file, not an impact partial")
		}
		return nil, fmt.Errorf("not an impact partial: %v", err)
	}
	d, err := pf.decode(input)
	if err != nil {
		return nil, err
	}
	a := NewAggregate(d.params)
	a.add(d)
	d.release()
	return a, nil
}
