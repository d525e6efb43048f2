package impact

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"
)

// partialFormat names the partial file format; version changes when its
// meaning does.
const (
	partialFormat  = "irp-impact-partial"
	partialVersion = 1
)

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
	Cells   []partialCell   `json:"cells"`
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

type partialCell struct {
	Bucket   int64       `json:"b"` // bucket start / bucket width
	Group    uint32      `json:"g"`
	In       bool        `json:"in,omitempty"`
	Statuses [][2]uint64 `json:"s"` // [code, count]
	Hist     [][2]uint64 `json:"h"` // [bin, count]
}

// WritePartial writes the aggregate as a partial: a JSON document that
// MergePartials (irp impact merge) combines with others into exactly the
// report a single pass over all their inputs gives.
func (a *Aggregate) WritePartial(w io.Writer) error {
	pf := partialFile{
		Format: partialFormat, Version: partialVersion,
		Bucket: a.Params.Bucket.String(), By: a.Params.By,
		Lines: a.Lines, Skips: a.Skips[1:], Groups: a.groups,
		Samples: []partialSample{}, Cells: make([]partialCell, len(a.cells)),
	}
	if a.Params.Fixed {
		pf.Window = &partialWindow{fmtTime(a.Params.From), fmtTime(a.Params.To)}
	}
	for _, s := range a.Samples {
		pf.Samples = append(pf.Samples, partialSample{s.File, s.Line, s.Reason, s.order})
	}
	for i, c := range a.cells {
		pc := partialCell{Bucket: c.key.bucket, Group: c.key.group, In: c.key.in,
			Statuses: [][2]uint64{}, Hist: [][2]uint64{}}
		for _, s := range c.statuses {
			pc.Statuses = append(pc.Statuses, [2]uint64{uint64(s.code), s.n})
		}
		sort.Slice(pc.Statuses, func(i, j int) bool { return pc.Statuses[i][0] < pc.Statuses[j][0] })
		pf.Cells[i] = pc
	}
	for k, n := range a.hist {
		pc := &pf.Cells[k>>16]
		pc.Hist = append(pc.Hist, [2]uint64{k & 0xffff, n})
	}
	for i := range pf.Cells {
		h := pf.Cells[i].Hist
		sort.Slice(h, func(i, j int) bool { return h[i][0] < h[j][0] })
	}
	sort.Slice(pf.Cells, func(i, j int) bool {
		ci, cj := pf.Cells[i], pf.Cells[j]
		if ci.Bucket != cj.Bucket {
			return ci.Bucket < cj.Bucket
		}
		if ci.Group != cj.Group {
			return ci.Group < cj.Group
		}
		return !ci.In && cj.In
	})
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	if err := enc.Encode(pf); err != nil {
		return err
	}
	return bw.Flush()
}

// ReadPartial reads a partial written by WritePartial. input numbers the
// partial among those being merged, so skipped-line samples keep the
// order of the inputs.
func ReadPartial(r io.Reader, input int) (*Aggregate, error) {
	var pf partialFile
	dec := json.NewDecoder(bufio.NewReader(r))
	if err := dec.Decode(&pf); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty file, not an impact partial")
		}
		return nil, fmt.Errorf("not an impact partial: %v", err)
	}
	return pf.aggregate(input)
}

// aggregate checks a decoded partial and turns it into an aggregate.
func (pf *partialFile) aggregate(input int) (*Aggregate, error) {
	if pf.Format != partialFormat {
		return nil, errors.New("not an impact partial (written by 'irp impact --partial')")
	}
	if pf.Version != partialVersion {
		return nil, fmt.Errorf("partial format version %d, this irp reads version %d", pf.Version, partialVersion)
	}
	bucket, err := time.ParseDuration(pf.Bucket)
	if err != nil || bucket <= 0 {
		return nil, fmt.Errorf("bad bucket %q", pf.Bucket)
	}
	by, err := ParsePivot(string(pf.By))
	if err != nil {
		return nil, err
	}
	p := Params{Bucket: bucket, By: by}
	if pf.Window != nil {
		from, err1 := time.Parse(time.RFC3339Nano, pf.Window.From)
		to, err2 := time.Parse(time.RFC3339Nano, pf.Window.To)
		if err1 != nil || err2 != nil || !from.Before(to) {
			return nil, errors.New("bad window")
		}
		p.Fixed, p.From, p.To = true, from.UnixNano(), to.UnixNano()
	}
	if len(pf.Skips) != int(numSkips)-1 {
		return nil, errors.New("bad skips")
	}
	a := NewAggregate(p)
	a.Lines = pf.Lines
	var skipped uint64
	for i, n := range pf.Skips {
		a.Skips[i+1] = n
		skipped += n
	}
	if skipped > a.Lines {
		return nil, errors.New("more lines skipped than read")
	}
	for _, s := range pf.Samples {
		if s.Reason == SkipNone || s.Reason >= numSkips {
			return nil, errors.New("bad skip sample")
		}
		a.Samples = append(a.Samples, SkipSample{File: s.File, Line: s.Line, Reason: s.Reason, order: input<<20 + s.Input})
	}
	for _, g := range pf.Groups {
		a.group([]byte(g))
	}
	if len(a.groups) != len(pf.Groups) {
		return nil, errors.New("repeated group")
	}
	var counted uint64
	for _, pc := range pf.Cells {
		if int(pc.Group) >= len(a.groups) {
			return nil, fmt.Errorf("cell names group %d of %d", pc.Group, len(a.groups))
		}
		k := cellKey{bucket: pc.Bucket, group: pc.Group, in: pc.In}
		if _, dup := a.cellIdx[k]; dup {
			return nil, errors.New("repeated cell")
		}
		if pc.In && !p.Fixed {
			return nil, errors.New("cell inside a window, but no window")
		}
		ci := a.cell(k)
		for _, s := range pc.Statuses {
			if s[0] < 100 || s[0] > 999 {
				return nil, fmt.Errorf("bad status %d", s[0])
			}
			a.cells[ci].add(uint16(s[0]), s[1])
			counted += s[1]
		}
		for _, h := range pc.Hist {
			if h[0] > maxBin {
				return nil, fmt.Errorf("bad latency bin %d", h[0])
			}
			a.hist[uint64(ci)<<16|h[0]] += h[1]
		}
	}
	if counted != a.Lines-skipped {
		return nil, fmt.Errorf("cells count %d requests, header says %d", counted, a.Lines-skipped)
	}
	return a, nil
}
