package impact

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Window is the outage window a report covers.
type Window struct {
	Start    time.Time
	End      time.Time
	Detected bool
}

// Totals are the figures of one group, or of all of them.
type Totals struct {
	Requests  uint64
	Failed    uint64 // 5xx
	Abandoned uint64 // 499
	FailedPct float64
	P50, P99  float64 // ms, within RelativeError
	Statuses  map[int]uint64
}

// Group is one row of the report: an operation (or host, route, status,
// owner, shard, client; or a pair of them, the names joined by keySep).
type Group struct {
	Name string
	Totals
	hist histogram // latency, for merging groups into "other"
}

// Other is the group --top puts the smaller groups into.
const Other = "(other)"

// Report is the impact of an outage: counts and latency inside the window.
// When no window was given and none was detected, Window is nil and the
// figures cover the whole log.
type Report struct {
	By       Pivot
	Window   *Window
	Baseline float64 // detected windows only
	Lines    uint64
	Skipped  uint64
	Skips    [numSkips]uint64
	Samples  []SkipSample
	Total    Totals
	Groups   []Group
	Buckets  []BucketCount
	Bucket   time.Duration
}

// ErrNoRecords means the input held no audit record at all.
var ErrNoRecords = errors.New("no audit records")

// Summarize turns an aggregate into the report: it fixes or detects the
// window and sums the cells inside it.
func Summarize(a *Aggregate) (*Report, error) {
	if a.Requests() == 0 {
		if a.Lines == 0 {
			return nil, fmt.Errorf("%w: the input is empty", ErrNoRecords)
		}
		return nil, fmt.Errorf("%w in %d lines (%d skipped)", ErrNoRecords, a.Lines, a.Skipped())
	}
	rep := &Report{
		By: a.Params.By, Lines: a.Lines, Skipped: a.Skipped(), Skips: a.Skips,
		Samples: a.Samples, Buckets: a.Buckets(), Bucket: a.Params.Bucket,
	}
	width := int64(a.Params.Bucket)
	inside := func(c *cell) bool { return true }
	switch {
	case a.Params.Fixed:
		rep.Window = &Window{Start: time.Unix(0, a.Params.From).UTC(), End: time.Unix(0, a.Params.To).UTC()}
		inside = func(c *cell) bool { return c.key.in }
	default:
		d := Detect(rep.Buckets, width)
		rep.Baseline = d.Baseline
		if d.Found {
			rep.Window = &Window{Start: time.Unix(0, d.From).UTC(), End: time.Unix(0, d.To).UTC(), Detected: true}
			lo, hi := floorDiv(d.From, width), floorDiv(d.To, width)
			inside = func(c *cell) bool { return c.key.bucket >= lo && c.key.bucket < hi }
		}
	}
	groups := map[uint32]*Group{}
	hists := map[uint32]histogram{}
	total := histogram{}
	rep.Total.Statuses = map[int]uint64{}
	in := make([]bool, len(a.cells))
	for i := range a.cells {
		c := &a.cells[i]
		if !inside(c) {
			continue
		}
		in[i] = true
		g := groups[c.key.group]
		if g == nil {
			g = &Group{Name: a.groups[c.key.group], Totals: Totals{Statuses: map[int]uint64{}}}
			groups[c.key.group] = g
			hists[c.key.group] = histogram{}
		}
		for _, s := range c.statuses {
			g.count(int(s.code), s.n)
			rep.Total.count(int(s.code), s.n)
		}
	}
	for i := range a.cells {
		c := &a.cells[i]
		if !in[i] {
			continue
		}
		h := hists[c.key.group]
		for j, n := range c.hist {
			if n > 0 {
				bin := c.lo + uint16(j)
				h[bin] += n
				total[bin] += n
			}
		}
	}
	for gi, g := range groups {
		g.hist = hists[gi]
		g.finish(g.hist)
		rep.Groups = append(rep.Groups, *g)
	}
	rep.Total.finish(total)
	sort.Slice(rep.Groups, func(i, j int) bool {
		gi, gj := rep.Groups[i], rep.Groups[j]
		if gi.Requests != gj.Requests {
			return gi.Requests > gj.Requests
		}
		return gi.Name < gj.Name
	})
	return rep, nil
}

// Top keeps the n groups with the most requests and sums the others into
// one group named Other (each of its names Other for a two-key pivot),
// with exact percentiles from their merged histograms. n <= 0 keeps all.
func (r *Report) Top(n int) {
	if n <= 0 || len(r.Groups) <= n {
		return
	}
	names := make([]string, len(r.By.Keys()))
	for i := range names {
		names[i] = Other
	}
	other := Group{Name: strings.Join(names, keySep), Totals: Totals{Statuses: map[int]uint64{}}, hist: histogram{}}
	for _, g := range r.Groups[n:] {
		for code, c := range g.Statuses {
			other.count(code, c)
		}
		for bin, c := range g.hist {
			other.hist[bin] += c
		}
	}
	other.finish(other.hist)
	r.Groups = append(r.Groups[:n:n], other)
}

func (t *Totals) count(code int, n uint64) {
	t.Requests += n
	t.Statuses[code] += n
	switch {
	case code >= 500 && code <= 599:
		t.Failed += n
	case code == 499:
		t.Abandoned += n
	}
}

func (t *Totals) finish(h histogram) {
	if t.Requests > 0 {
		t.FailedPct = 100 * float64(t.Failed) / float64(t.Requests)
	}
	t.P50, t.P99 = round2(h.quantile(0.50)), round2(h.quantile(0.99))
}

func round2(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
	return r
}

// The JSON shape is the one in the spec; field order matters to readers.
type jsonWindow struct {
	Start    string `json:"start"`
	End      string `json:"end"`
	Detected bool   `json:"detected"`
}

type jsonTotals struct {
	Requests  uint64  `json:"requests"`
	Failed    uint64  `json:"failed"`
	Abandoned uint64  `json:"abandoned"`
	FailedPct float64 `json:"failed_pct"`
	P50       float64 `json:"p50_ms"`
	P99       float64 `json:"p99_ms"`
}

func (t Totals) jsonTotals() jsonTotals {
	return jsonTotals{t.Requests, t.Failed, t.Abandoned, t.FailedPct, t.P50, t.P99}
}

// ListName is the name of the JSON list of groups for a pivot: the key's
// plural ("operations", "hosts", "statuses"), and for two keys both
// ("operations_by_shard"), each row holding both keys.
func ListName(p Pivot) string {
	keys := p.Keys()
	plural := string(keys[0]) + "s"
	if keys[0] == ByStatus {
		plural = "statuses"
	}
	if len(keys) == 2 {
		return plural + "_by_" + string(keys[1])
	}
	return plural
}

// WriteJSON writes the report in the spec's JSON shape. With a pivot other
// than operation, the list is named after it ("hosts": [{"host": ...}]).
func (r *Report) WriteJSON(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString(`{"window":`)
	if r.Window == nil {
		b.WriteString("null")
	} else {
		marshal(&b, jsonWindow{fmtWindowTime(r.Window.Start), fmtWindowTime(r.Window.End), r.Window.Detected})
	}
	fmt.Fprintf(&b, `,"lines":%d,"skipped":%d,"total":`, r.Lines, r.Skipped)
	marshal(&b, r.Total.jsonTotals())
	keys := r.By.Keys()
	fmt.Fprintf(&b, `,%q:[`, ListName(r.By))
	for i, g := range r.Groups {
		if i > 0 {
			b.WriteString(",")
		}
		t, _ := json.Marshal(g.jsonTotals())
		statuses := map[string]uint64{}
		for code, n := range g.Statuses {
			statuses[strconv.Itoa(code)] = n
		}
		st, _ := json.Marshal(statuses)
		b.WriteString("{")
		for ki, name := range splitGroup(g.Name) {
			n, _ := json.Marshal(name)
			fmt.Fprintf(&b, `%q:%s,`, keys[ki], n)
		}
		fmt.Fprintf(&b, `%s,"statuses":%s}`, t[1:len(t)-1], st)
	}
	b.WriteString("]}\n")
	_, err := w.Write(b.Bytes())
	return err
}

func marshal(b *bytes.Buffer, v any) {
	j, _ := json.Marshal(v)
	b.Write(j)
}

func fmtWindowTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// WriteText writes the report as a table for people.
func (r *Report) WriteText(w io.Writer) error {
	var b bytes.Buffer
	switch {
	case r.Window == nil:
		fmt.Fprintf(&b, "No outage window detected: no %s bucket's failure rate stands clearly above the baseline (%.2f%%).\n",
			fmtDuration(r.Bucket), 100*r.Baseline)
		b.WriteString("The figures below cover the whole log; pass --from/--to to fix a window.\n\n")
	default:
		how := "given"
		if r.Window.Detected {
			how = fmt.Sprintf("detected; baseline failure rate %.2f%%", 100*r.Baseline)
		}
		fmt.Fprintf(&b, "Window  %s – %s  (%s, %s)\n", fmtWindowTime(r.Window.Start), fmtWindowTime(r.Window.End),
			fmtDuration(r.Window.End.Sub(r.Window.Start)), how)
		if r.Total.Requests == 0 && len(r.Buckets) > 0 {
			last := r.Buckets[len(r.Buckets)-1].Start + int64(r.Bucket)
			fmt.Fprintf(&b, "No request falls inside the window: the log's requests run from %s to %s.\n",
				fmtTime(r.Buckets[0].Start), fmtTime(last))
		}
		b.WriteString("\n")
	}
	keys := r.By.Keys()
	var head []string
	for _, k := range keys {
		head = append(head, string(k))
	}
	rows := [][]string{append(head, "requests", "failed (5xx)", "abandoned (499)", "failed %", "p50 ms", "p99 ms")}
	row := func(names []string, t Totals) {
		rows = append(rows, append(names, strconv.FormatUint(t.Requests, 10), strconv.FormatUint(t.Failed, 10),
			strconv.FormatUint(t.Abandoned, 10), fmt.Sprintf("%.2f%%", t.FailedPct), fmtMs(t.P50), fmtMs(t.P99)))
	}
	for _, g := range r.Groups {
		row(splitGroup(g.Name), g.Totals)
	}
	total := make([]string, len(keys))
	total[0] = "total"
	row(total, r.Total)
	widths := make([]int, len(rows[0]))
	for _, cols := range rows {
		for i, c := range cols {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for n, cols := range rows {
		if n == len(rows)-1 {
			fmt.Fprintf(&b, "%s\n", strings.Repeat("-", sum(widths)+2*(len(widths)-1)))
		}
		for i, c := range cols {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			switch {
			case i == 0:
				b.WriteString(c + pad)
			case i < len(keys):
				b.WriteString("  " + c + pad)
			default:
				b.WriteString("  " + pad + c)
			}
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\n%d lines read, %d skipped", r.Lines, r.Skipped)
	if r.Skipped > 0 {
		var parts []string
		for s := SkipNotJSON; s < numSkips; s++ {
			if r.Skips[s] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", r.Skips[s], s))
			}
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	b.WriteString(".\n")
	_, err := w.Write(b.Bytes())
	return err
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func fmtMs(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v < 10:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case v < 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

func fmtDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// WriteSamples lists the first skipped lines, for -v.
func (r *Report) WriteSamples(w io.Writer) {
	WriteSkipped(w, r.Skips, r.Samples)
}

// WriteSkipped writes skip counts per reason and the first skipped lines.
func WriteSkipped(w io.Writer, skips [numSkips]uint64, samples []SkipSample) {
	for s := SkipNotJSON; s < numSkips; s++ {
		if skips[s] > 0 {
			fmt.Fprintf(w, "skipped %d lines: %s\n", skips[s], s)
		}
	}
	for _, s := range samples {
		fmt.Fprintf(w, "  %s:%d: %s\n", s.File, s.Line, s.Reason)
	}
}
