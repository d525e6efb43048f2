package impact

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Pivot is what requests are grouped by: one key ("operation") or two
// joined by a comma ("operation,shard").
type Pivot string

// The keys --by accepts.
const (
	ByOperation Pivot = "operation"
	ByHost      Pivot = "host"   // hostname: the webapi zone
	ByRoute     Pivot = "route"  // the restify route
	ByStatus    Pivot = "status" // res.statusCode
	ByOwner     Pivot = "owner"  // req.owner: the account uuid
	ByShard     Pivot = "shard"  // entryShard: the moray shard
	ByClient    Pivot = "client" // the user-agent's product token
)

var pivotKeys = []Pivot{ByOperation, ByHost, ByRoute, ByStatus, ByOwner, ByShard, ByClient}

// None is the group of records that lack the field grouped by.
const None = "(none)"

// keySep joins the names of a two-key group; it cannot occur in a name
// from the log because JSON strings hold no raw control characters.
const keySep = "\x1f"

// ParsePivot checks a --by value: one key, or two different ones joined by
// a comma.
func ParsePivot(s string) (Pivot, error) {
	parts := strings.Split(s, ",")
	if len(parts) > 2 {
		return "", fmt.Errorf("%q has %d keys: group by one key or two (operation,shard)", s, len(parts))
	}
	for i, k := range parts {
		if !slices.Contains(pivotKeys, Pivot(k)) {
			return "", fmt.Errorf("unknown pivot %q: want one or two of host, operation, route, status, owner, shard, client", k)
		}
		if i == 1 && parts[0] == k {
			return "", fmt.Errorf("%q names %s twice", s, k)
		}
	}
	return Pivot(s), nil
}

// Keys are the pivot's keys, one or two.
func (p Pivot) Keys() []Pivot {
	if p == "" {
		return []Pivot{ByOperation}
	}
	var out []Pivot
	for _, k := range strings.Split(string(p), ",") {
		out = append(out, Pivot(k))
	}
	return out
}

// splitGroup cuts a group's name into one name per pivot key.
func splitGroup(name string) []string { return strings.Split(name, keySep) }

// Params fix how lines are aggregated. Aggregates merge only when their
// Params are equal.
type Params struct {
	Bucket time.Duration
	By     Pivot
	// From and To (Unix ns, To exclusive) fix the window when Fixed is set.
	Fixed    bool
	From, To int64
}

// cellKey names one cell: a time bucket, a group (an operation, say) and
// whether the cell lies inside a fixed window.
type cellKey struct {
	bucket int64 // bucket start / Bucket
	group  uint32
	in     bool
}

type statusCount struct {
	code uint16
	n    uint64
}

type cell struct {
	key      cellKey
	statuses []statusCount // few per cell: a linear scan beats a map
	// hist counts latencies by bin: hist[i] is bin lo+i. A cell's
	// latencies span a few hundred bins at most, so a dense slice is small
	// and merging partials adds slices instead of hashing every bin.
	lo   uint16
	hist []uint64
}

// addBin counts n latencies in bin.
func (c *cell) addBin(bin uint16, n uint64) {
	switch {
	case len(c.hist) == 0:
		c.lo, c.hist = bin, append(c.hist, n)
		return
	case bin < c.lo:
		grown := make([]uint64, int(c.lo-bin)+len(c.hist), int(c.lo-bin)+cap(c.hist))
		copy(grown[c.lo-bin:], c.hist)
		c.lo, c.hist = bin, grown
	case int(bin-c.lo) >= len(c.hist):
		c.hist = append(c.hist, make([]uint64, int(bin-c.lo)+1-len(c.hist))...)
	}
	c.hist[bin-c.lo] += n
}

func (c *cell) add(code uint16, n uint64) {
	for i := range c.statuses {
		if c.statuses[i].code == code {
			c.statuses[i].n += n
			return
		}
	}
	c.statuses = append(c.statuses, statusCount{code, n})
}

// addHist adds the counts of bins lo, lo+1, ... to c's.
func (c *cell) addHist(lo uint16, h []uint64) {
	if len(h) == 0 {
		return
	}
	c.addBin(lo, 0)
	c.addBin(lo+uint16(len(h)-1), 0)
	dst := c.hist[lo-c.lo:]
	for i, n := range h {
		dst[i] += n
	}
}

// SkipSample locates one skipped line.
type SkipSample struct {
	File   string `json:"file"`
	Line   uint64 `json:"line"`
	Reason Skip   `json:"reason"`
	order  int    // the file's position among the inputs
}

// maxSamples is how many skipped lines -v lists.
const maxSamples = 5

// Aggregate is the mergeable summary of any number of audit lines: request
// counts per bucket × group × status and latency histograms per bucket ×
// group. Its size depends on how many distinct cells occur, not on how many
// lines were read.
type Aggregate struct {
	Params  Params
	Lines   uint64
	Skips   [numSkips]uint64
	Samples []SkipSample

	groups   []string
	groupIdx map[string]uint32
	cellIdx  map[cellKey]uint32
	cells    []cell
	scratch  []byte  // a two-key group's name while it is looked up
	keys     []Pivot // Params.By's keys, cut once for Add
}

// NewAggregate returns an empty aggregate.
func NewAggregate(p Params) *Aggregate {
	loadTables()
	return &Aggregate{
		Params:   p,
		groupIdx: map[string]uint32{},
		cellIdx:  map[cellKey]uint32{},
		keys:     p.By.Keys(),
	}
}

// Skipped is the number of lines that were not requests.
func (a *Aggregate) Skipped() uint64 {
	var n uint64
	for _, c := range a.Skips[1:] {
		n += c
	}
	return n
}

// Requests is the number of audit records counted.
func (a *Aggregate) Requests() uint64 { return a.Lines - a.Skipped() }

func (a *Aggregate) group(name []byte) uint32 {
	if g, ok := a.groupIdx[string(name)]; ok {
		return g
	}
	g := uint32(len(a.groups))
	s := string(name)
	a.groups = append(a.groups, s)
	a.groupIdx[s] = g
	return g
}

func (a *Aggregate) cell(k cellKey) uint32 {
	if i, ok := a.cellIdx[k]; ok {
		return i
	}
	i := uint32(len(a.cells))
	a.cells = append(a.cells, cell{key: k})
	a.cellIdx[k] = i
	return i
}

var (
	none = []byte(None)
	// statusNames are the group names of --by status, filled by loadTables.
	statusNames *[1000][]byte
)

// field is the value of one pivot key in r, None when r lacks it.
func field(r *Record, k Pivot) []byte {
	var v []byte
	switch k {
	case ByHost:
		v = r.Host
	case ByRoute:
		v = r.Route
	case ByStatus:
		v = statusNames[r.Status]
	case ByOwner:
		v = r.Owner
	case ByShard:
		v = r.Shard
	case ByClient:
		v = r.Client
	default:
		v = r.Operation
	}
	if len(v) == 0 {
		return none
	}
	return v
}

// Add counts one parsed record.
func (a *Aggregate) Add(r *Record) {
	var name []byte
	if len(a.keys) == 2 {
		a.scratch = append(append(append(a.scratch[:0], field(r, a.keys[0])...), keySep...), field(r, a.keys[1])...)
		name = a.scratch
	} else {
		name = field(r, a.keys[0])
	}
	k := cellKey{bucket: floorDiv(r.Time, int64(a.Params.Bucket)), group: a.group(name)}
	if a.Params.Fixed {
		k.in = r.Time >= a.Params.From && r.Time < a.Params.To
	}
	ci := a.cell(k)
	a.cells[ci].add(uint16(r.Status), 1)
	if r.HasLatency {
		a.cells[ci].addBin(latencyBin(r.Latency), 1)
	}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// MismatchError means two aggregates were made with different Params
// (--bucket, --by, --from/--to) and cannot be merged.
type MismatchError struct{ A, B Params }

func (e *MismatchError) Error() string {
	return fmt.Sprintf("aggregates differ: %s vs %s", e.A.describe(), e.B.describe())
}

// mergeCounts adds another aggregate's line and skip counts and skipped
// samples into a, and returns where each of its groups is in a: the part
// of a merge that Merge and a decoded partial share.
func (a *Aggregate) mergeCounts(lines uint64, skips *[numSkips]uint64, samples []SkipSample, groups []string) []uint32 {
	a.Lines += lines
	for i := range a.Skips {
		a.Skips[i] += skips[i]
	}
	a.Samples = mergeSamples(a.Samples, samples)
	at := make([]uint32, len(groups))
	for i, g := range groups {
		at[i] = a.group([]byte(g))
	}
	return at
}

// Merge adds b into a. Both must have the same Params; when they differ,
// a is left as it was and the error is a *MismatchError.
func (a *Aggregate) Merge(b *Aggregate) error {
	if a.Params != b.Params {
		return &MismatchError{a.Params, b.Params}
	}
	groups := a.mergeCounts(b.Lines, &b.Skips, b.Samples, b.groups)
	for _, c := range b.cells {
		k := c.key
		k.group = groups[k.group]
		ac := &a.cells[a.cell(k)]
		for _, s := range c.statuses {
			ac.add(s.code, s.n)
		}
		ac.addHist(c.lo, c.hist)
	}
	return nil
}

func (p Params) describe() string {
	s := fmt.Sprintf("bucket %s, by %s", p.Bucket, p.By)
	if p.Fixed {
		s += fmt.Sprintf(", window %s to %s", fmtTime(p.From), fmtTime(p.To))
	}
	return s
}

func fmtTime(ns int64) string {
	return time.Unix(0, ns).UTC().Format(time.RFC3339Nano)
}

// mergeSamples keeps the first maxSamples skipped lines in input order.
func mergeSamples(a, b []SkipSample) []SkipSample {
	all := append(append([]SkipSample(nil), a...), b...)
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].order != all[j].order {
			return all[i].order < all[j].order
		}
		if all[i].File != all[j].File {
			return all[i].File < all[j].File
		}
		return all[i].Line < all[j].Line
	})
	if len(all) > maxSamples {
		all = all[:maxSamples]
	}
	return all
}

func (a *Aggregate) skip(s Skip, file string, order int, line uint64) {
	a.Skips[s]++
	if len(a.Samples) < maxSamples {
		a.Samples = append(a.Samples, SkipSample{File: file, Line: line, Reason: s, order: order})
	}
}
