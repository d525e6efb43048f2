package impact

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"
)

// partialFormat names the partial file format; version changes when its
// meaning does.
const (
	partialFormat  = "irp-impact-partial"
	partialVersion = 2
)

// partialFile is a partial: a JSON header anyone can read, and the cells
// packed (see packCells) so that a zone's day of logs travels in a
// manta-oneach -J result or a job's output without costing the reduce
// more than it must.
type partialFile struct {
	Format  string          `json:"format"`
	Version int             `json:"version"`
	Bucket  string          `json:"bucket"`
	By      Pivot           `json:"by"`
	Window  *partialWindow  `json:"window"`
	Lines   uint64          `json:"lines"`
	Skips   []uint64        `json:"skips"` // by reason: not JSON, not audit, bad field
	Samples []partialSample `json:"samples"`
	Groups  []string        `json:"groups"`
	NCells  int             `json:"ncells"`
	Cells   []byte          `json:"cells"` // deflated packCells, in base64 in the JSON
}

type partialWindow struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type partialSample struct {
	File   string `json:"file"`
	Line   uint64 `json:"line"`
	Reason Skip   `json:"reason"`
	Input  int    `json:"input"`
}

// WritePartial writes the aggregate as a partial: one line of JSON that a
// Merger (irp impact merge) combines with others into exactly the
// report a single pass over all their inputs gives.
//
// With a fixed window the latency histograms of cells outside it are left
// out: no report reads them, and they are most of a partial's size.
func (a *Aggregate) WritePartial(w io.Writer) error {
	pf := partialFile{
		Format: partialFormat, Version: partialVersion,
		Bucket: a.Params.Bucket.String(), By: a.Params.By,
		Lines: a.Lines, Skips: a.Skips[1:], Groups: a.groups,
		Samples: []partialSample{}, NCells: len(a.cells),
	}
	if a.Params.Fixed {
		pf.Window = &partialWindow{fmtTime(a.Params.From), fmtTime(a.Params.To)}
	}
	for _, s := range a.Samples {
		pf.Samples = append(pf.Samples, partialSample{s.File, s.Line, s.Reason, s.order})
	}
	var packed bytes.Buffer
	zw, _ := flate.NewWriter(&packed, flate.BestSpeed)
	if err := a.packCells(bufio.NewWriter(zw)); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	pf.Cells = packed.Bytes()
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	if err := enc.Encode(pf); err != nil {
		return err
	}
	return bw.Flush()
}

// packCells writes the cells sorted by bucket, group and window side, as
// unsigned varints: the bucket's distance from the previous cell's
// (zigzag), group<<1|inside, the number of statuses and (code, count)
// pairs, the number of histogram bins and (bin distance from the previous
// bin, count) pairs.
func (a *Aggregate) packCells(w *bufio.Writer) error {
	order := make([]uint32, len(a.cells))
	for i := range order {
		order[i] = uint32(i)
	}
	sort.Slice(order, func(i, j int) bool {
		ci, cj := a.cells[order[i]].key, a.cells[order[j]].key
		if ci.bucket != cj.bucket {
			return ci.bucket < cj.bucket
		}
		if ci.group != cj.group {
			return ci.group < cj.group
		}
		return !ci.in && cj.in
	})
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { w.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	var prev int64
	statuses := make([]statusCount, 0, 8)
	for _, ci := range order {
		c := &a.cells[ci]
		w.Write(buf[:binary.PutVarint(buf[:], c.key.bucket-prev)])
		prev = c.key.bucket
		in := uint64(0)
		if c.key.in {
			in = 1
		}
		put(uint64(c.key.group)<<1 | in)
		statuses = append(statuses[:0], c.statuses...)
		sort.Slice(statuses, func(i, j int) bool { return statuses[i].code < statuses[j].code })
		put(uint64(len(statuses)))
		for _, s := range statuses {
			put(uint64(s.code))
			put(s.n)
		}
		var h []uint64
		if !a.Params.Fixed || c.key.in {
			h = c.hist
		}
		nbins := 0
		for _, n := range h {
			if n > 0 {
				nbins++
			}
		}
		put(uint64(nbins))
		var bin uint64
		for i, n := range h {
			if n > 0 {
				b := uint64(c.lo) + uint64(i)
				put(b - bin)
				put(n)
				bin = b
			}
		}
	}
	return w.Flush()
}

// decoded is a partial read and checked, not yet added to an aggregate.
type decoded struct {
	params   Params
	lines    uint64
	skips    [numSkips]uint64
	samples  []SkipSample
	groups   []string
	cells    []decodedCell
	statuses []statusCount
	bins     []binCount
}

type decodedCell struct {
	key           cellKey // group indexes decoded.groups
	status0, bin0 int     // first status and bin in decoded.statuses, .bins
	status1, bin1 int     // one past the last
}

type binCount struct {
	bin uint16
	n   uint64
}

// add merges a decoded partial made with a's Params into a.
func (a *Aggregate) add(d *decoded) {
	groups := a.mergeCounts(d.lines, &d.skips, d.samples, d.groups)
	for _, dc := range d.cells {
		k := dc.key
		k.group = groups[k.group]
		c := &a.cells[a.cell(k)]
		for _, s := range d.statuses[dc.status0:dc.status1] {
			c.add(s.code, s.n)
		}
		bins := d.bins[dc.bin0:dc.bin1]
		if len(bins) == 0 {
			continue
		}
		c.addBin(bins[len(bins)-1].bin, 0) // grow once
		c.addBin(bins[0].bin, 0)
		for _, b := range bins {
			c.hist[b.bin-c.lo] += b.n
		}
	}
}

// decode checks a partial and unpacks its cells.
func (pf *partialFile) decode(input int) (*decoded, error) {
	if pf.Format != partialFormat {
		return nil, errors.New("not an impact partial (written by 'irp impact --partial')")
	}
	if pf.Version != partialVersion {
		return nil, fmt.Errorf("partial format version %d, this irp reads version %d (make every partial with the same irp)", pf.Version, partialVersion)
	}
	bucket, err := time.ParseDuration(pf.Bucket)
	if err != nil || bucket <= 0 {
		return nil, fmt.Errorf("bad bucket %q", pf.Bucket)
	}
	by, err := ParsePivot(string(pf.By))
	if err != nil {
		return nil, err
	}
	d := decodedPool.Get().(*decoded)
	*d = decoded{params: Params{Bucket: bucket, By: by}, lines: pf.Lines,
		cells: d.cells[:0], statuses: d.statuses[:0], bins: d.bins[:0]}
	if pf.Window != nil {
		from, err1 := time.Parse(time.RFC3339Nano, pf.Window.From)
		to, err2 := time.Parse(time.RFC3339Nano, pf.Window.To)
		if err1 != nil || err2 != nil || !from.Before(to) {
			return nil, errors.New("bad window")
		}
		d.params.Fixed, d.params.From, d.params.To = true, from.UnixNano(), to.UnixNano()
	}
	if len(pf.Skips) != int(numSkips)-1 {
		return nil, errors.New("bad skips")
	}
	var skipped uint64
	for i, n := range pf.Skips {
		d.skips[i+1] = n
		if skipped+n < skipped {
			return nil, errors.New("bad skips")
		}
		skipped += n
	}
	if skipped > d.lines {
		return nil, errors.New("more lines skipped than read")
	}
	for _, s := range pf.Samples {
		if s.Reason == SkipNone || s.Reason >= numSkips {
			return nil, errors.New("bad skip sample")
		}
		d.samples = append(d.samples, SkipSample{File: s.File, Line: s.Line, Reason: s.Reason, order: input<<20 + s.Input})
	}
	seen := make(map[string]bool, len(pf.Groups))
	for _, g := range pf.Groups {
		if seen[g] {
			return nil, errors.New("repeated group")
		}
		seen[g] = true
	}
	d.groups = pf.Groups
	counted, err := d.unpackCells(pf.Cells, pf.NCells)
	if err == nil && counted != d.lines-skipped {
		err = fmt.Errorf("cells count %d requests, header says %d", counted, d.lines-skipped)
	} else if err != nil {
		err = fmt.Errorf("bad cells: %w", err)
	}
	if err != nil {
		d.release()
		return nil, err
	}
	return d, nil
}

// decodedPool keeps the large slices of decoded partials for the next.
var decodedPool = sync.Pool{New: func() any { return new(decoded) }}

// release gives d back for reuse; d must not be used after.
func (d *decoded) release() { decodedPool.Put(d) }

// inflating holds what unpackCells reuses from one partial to the next.
var inflating = sync.Pool{New: func() any { return new(inflater) }}

type inflater struct {
	raw bytes.Buffer
	zr  io.ReadCloser
}

// inflate returns the packed cells as written by packCells; valid until
// the inflater is put back.
func (f *inflater) inflate(packed []byte) ([]byte, error) {
	src := bytes.NewReader(packed)
	if f.zr == nil {
		f.zr = flate.NewReader(src)
	} else if err := f.zr.(flate.Resetter).Reset(src, nil); err != nil {
		return nil, err
	}
	f.raw.Reset()
	if _, err := f.raw.ReadFrom(f.zr); err != nil {
		return nil, err
	}
	return f.raw.Bytes(), nil
}

// unpackCells reads n cells written by packCells, and returns how many
// requests they count.
func (d *decoded) unpackCells(packed []byte, n int) (uint64, error) {
	if n < 0 {
		return 0, errors.New("bad cell count")
	}
	f := inflating.Get().(*inflater)
	defer inflating.Put(f)
	b, err := f.inflate(packed)
	if err != nil {
		return 0, err
	}
	short := false
	get := func() uint64 {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			short, b = true, nil
			return 0
		}
		b = b[k:]
		return v
	}
	var counted uint64
	var bucket int64
	for i := range n {
		delta, k := binary.Varint(b)
		if k <= 0 {
			return 0, io.ErrUnexpectedEOF
		}
		b = b[k:]
		if i > 0 && delta < 0 {
			return 0, errors.New("cells out of order")
		}
		bucket += delta
		gi := get()
		if short {
			return 0, io.ErrUnexpectedEOF
		}
		if gi>>1 >= uint64(len(d.groups)) {
			return 0, fmt.Errorf("cell names group %d of %d", gi>>1, len(d.groups))
		}
		key := cellKey{bucket: bucket, group: uint32(gi >> 1), in: gi&1 == 1}
		if key.in && !d.params.Fixed {
			return 0, errors.New("cell inside a window, but no window")
		}
		if i > 0 {
			// Cells come sorted, so a repeated one is out of order.
			p := d.cells[i-1].key
			if delta == 0 && (key.group < p.group || key.group == p.group && (p.in || !key.in)) {
				return 0, errors.New("cells out of order")
			}
		}
		dc := decodedCell{key: key, status0: len(d.statuses), bin0: len(d.bins)}
		ns := get()
		if ns > 1000 {
			return 0, fmt.Errorf("%d statuses in a cell", ns)
		}
		for range ns {
			code, count := get(), get()
			if short {
				return 0, io.ErrUnexpectedEOF
			}
			if code < 100 || code > 999 {
				return 0, fmt.Errorf("bad status %d", code)
			}
			if counted+count < counted {
				return 0, errors.New("request count overflows")
			}
			counted += count
			d.statuses = append(d.statuses, statusCount{uint16(code), count})
		}
		nh := get()
		if nh > maxBin+1 {
			return 0, fmt.Errorf("%d latency bins in a cell", nh)
		}
		var bin uint64
		for j := range nh {
			delta, count := get(), get()
			if short {
				return 0, io.ErrUnexpectedEOF
			}
			if (j > 0 && delta == 0) || delta > maxBin || bin+delta > maxBin {
				return 0, errors.New("latency bins out of order")
			}
			bin += delta
			d.bins = append(d.bins, binCount{uint16(bin), count})
		}
		if short {
			return 0, io.ErrUnexpectedEOF
		}
		dc.status1, dc.bin1 = len(d.statuses), len(d.bins)
		d.cells = append(d.cells, dc)
	}
	if len(b) > 0 {
		return 0, errors.New("more bytes than cells")
	}
	return counted, nil
}
