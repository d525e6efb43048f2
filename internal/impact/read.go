package impact

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
)

// Input is one log to read: a file, or stdin when Reader is set.
type Input struct {
	Name   string
	Reader io.Reader // nil: open the file Name
}

// FileError says which input could not be read (fully).
type FileError struct {
	Name string
	Err  error
}

func (e *FileError) Error() string { return e.Name + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

const chunkSize = 4 << 20

// Meter counts what Read has taken in, for a progress line; safe to read
// from another goroutine while Read runs.
type Meter struct {
	Bytes atomic.Int64 // bytes read from the inputs (compressed bytes for .gz)
	Files atomic.Int32 // inputs read to their end, or given up on
}

type chunk struct {
	buf       []byte // pooled; data is buf[:n]
	n         int
	file      int
	firstLine uint64
}

// Read aggregates the audit lines of every input, using all CPUs: one
// goroutine reads (and gunzips) the inputs in chunks cut at line ends, the
// others parse and count into their own aggregates, which are merged at the
// end. Memory stays bounded: a few chunks in flight plus the aggregates.
// A file that cannot be opened or read to its end (a truncated .gz) is
// reported in the returned errors; everything read before the failure
// still counts.
//
// m, when not nil, is kept up to date as the inputs are read.
func Read(p Params, inputs []Input, m *Meter) (*Aggregate, []error) {
	workers := runtime.GOMAXPROCS(0)
	pool := make(chan []byte, 2*workers+2)
	for range cap(pool) {
		pool <- make([]byte, chunkSize)
	}
	work := make(chan chunk, workers)
	aggs := make([]*Aggregate, workers)
	var wg sync.WaitGroup
	for w := range workers {
		aggs[w] = NewAggregate(p)
		wg.Add(1)
		go func(a *Aggregate) {
			defer wg.Done()
			for c := range work {
				a.addChunk(c, inputs[c.file].Name)
				if len(c.buf) != chunkSize { // grown for a long line
					c.buf = make([]byte, chunkSize)
				}
				pool <- c.buf
			}
		}(aggs[w])
	}
	var errs []error
	if m == nil {
		m = &Meter{}
	}
	for i, in := range inputs {
		if err := feed(i, in, pool, work, &m.Bytes); err != nil {
			errs = append(errs, &FileError{in.Name, err})
		}
		m.Files.Add(1)
	}
	close(work)
	wg.Wait()
	for _, b := range aggs[1:] {
		aggs[0].Merge(b) // same Params by construction
	}
	return aggs[0], errs
}

// feed cuts one input into chunks of whole lines.
func feed(file int, in Input, pool chan []byte, work chan<- chunk, read *atomic.Int64) error {
	r := in.Reader
	if r == nil {
		f, err := os.Open(in.Name)
		if err != nil {
			return errors.Unwrap(err) // the path is already in the FileError
		}
		defer f.Close()
		r = f
	}
	r = countingReader{r, read}
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("reading gzip header: %w", err)
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	line := uint64(1)
	buf := <-pool
	n := 0
	for {
		if n == len(buf) { // one line longer than the buffer: grow it
			bigger := make([]byte, 2*len(buf))
			copy(bigger, buf[:n])
			buf = bigger
		}
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			if n > 0 {
				work <- chunk{buf: buf, n: n, file: file, firstLine: line}
			} else {
				pool <- buf
			}
			if err == io.EOF {
				return nil
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return errors.New("unexpected end of data (truncated gzip?)")
			}
			return err
		}
		if n < len(buf)/2 && m > 0 {
			continue // fill chunks well before handing them out
		}
		cut := bytes.LastIndexByte(buf[:n], '\n')
		if cut < 0 {
			continue // no line end yet: read on
		}
		next := <-pool
		if rest := n - cut - 1; rest > len(next)/2 {
			next = make([]byte, 2*rest)
		}
		rest := copy(next, buf[cut+1:n])
		c := chunk{buf: buf, n: cut + 1, file: file, firstLine: line}
		line += uint64(bytes.Count(buf[:cut+1], []byte{'\n'}))
		work <- c
		buf, n = next, rest
	}
}

// countingReader adds what it reads to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(b []byte) (int, error) {
	k, err := c.r.Read(b)
	c.n.Add(int64(k))
	return k, err
}

// addChunk parses and counts the lines of one chunk.
func (a *Aggregate) addChunk(c chunk, name string) {
	data := c.buf[:c.n]
	line := c.firstLine
	var r Record
	for len(data) > 0 {
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		a.Lines++
		if s := ParseLine(l, &r); s != SkipNone {
			a.skip(s, name, c.file, line)
		} else {
			a.Add(&r)
		}
		line++
	}
}
