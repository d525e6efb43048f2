package impact

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Merger combines partials into one aggregate, from everything a fan-out
// returns: partial files, a stream of partials written one after another
// (what the reduce phase of a Manta job reads on stdin), a directory of
// partials fetched with `manta-oneach --dir DIR --put FILE` (one file per
// zone, named by zonename), and the -J (--jsonstream) output of
// manta-oneach, one result per zone whose stdout is that zone's partial.
//
// A zone whose partial cannot be had is recorded in Failed and left out;
// the others are still merged.
type Merger struct {
	agg    *Aggregate
	inputs int
	seen   map[string]bool
	// Failed names each zone (or file of a directory) left out, in the
	// order met.
	Failed []*ZoneError
}

// ZoneError says why one zone's partial is not in the merge.
type ZoneError struct {
	Zone   string // zonename; the server for a global zone; a file's path
	Reason string
}

func (e *ZoneError) Error() string { return e.Zone + ": " + e.Reason }

// Aggregate is the merge so far; nil when nothing was merged.
func (m *Merger) Aggregate() *Aggregate { return m.agg }

// add merges decoded partials, all or none, and releases them. A
// *MismatchError means one was made with other flags.
func (m *Merger) add(ds ...*decoded) error {
	defer func() {
		for _, d := range ds {
			d.release()
		}
	}()
	for _, d := range ds {
		if m.agg != nil && m.agg.Params != d.params {
			return &MismatchError{m.agg.Params, d.params}
		}
		if m.agg == nil && d.params != ds[0].params {
			return &MismatchError{ds[0].params, d.params}
		}
	}
	for _, d := range ds {
		if m.agg == nil {
			m.agg = NewAggregate(d.params)
		}
		m.agg.add(d)
	}
	return nil
}

// streamValue is one JSON value of a merge input: an impact partial, or a
// manta-oneach -J result. The result's fields are set in urStart and
// urDone and written one JSON line each by mzResultToJson, in sdc-manta's
// lib/oneach/oneach.js
// (https://github.com/TritonDataCenter/sdc-manta/blob/5b4962b3f37b0ff8156a57c2d5aff1799cd4117a/lib/oneach/oneach.js#L1202-L1269,
// #L1478-L1490):
// uuid and hostname name the server, zonename and service the zone (absent
// with --global-zones), and exactly one of result (Ur's exit_status, stdout,
// stderr) and error (a serialised Error: the command did not run, or timed
// out) is present.
type streamValue struct {
	partialFile
	UUID     string          `json:"uuid"`
	Hostname string          `json:"hostname"`
	Zonename string          `json:"zonename"`
	Result   *oneachResult   `json:"result"`
	Error    json.RawMessage `json:"error"`
}

type oneachResult struct {
	ExitStatus json.RawMessage `json:"exit_status"`
	Stdout     string          `json:"stdout"`
	Stderr     string          `json:"stderr"`
}

func (v *streamValue) isOneach() bool {
	return (v.UUID != "" || v.Zonename != "") && (v.Result != nil || len(v.Error) > 0)
}

// Read merges every JSON value in r: each is a partial or a manta-oneach
// -J result. A value that is neither, or a partial that does not merge,
// stops the read with an error; partials read before it stay merged.
func (m *Merger) Read(r io.Reader) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	for n := 0; ; n++ {
		var v streamValue
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			if n == 0 {
				return errors.New("empty, not an impact partial")
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("not an impact partial or manta-oneach -J output (at byte %d): %v", dec.InputOffset(), err)
		}
		switch {
		case v.Format != "":
			d, err := v.decode(m.inputs)
			m.inputs++
			if err != nil {
				return err
			}
			if err := m.add(d); err != nil {
				return err
			}
		case v.isOneach():
			m.zone(&v)
		default:
			return errors.New("not an impact partial (written by 'irp impact --partial') or a manta-oneach -J result")
		}
	}
}

// ReadDir merges the partials in dir, as `manta-oneach --dir DIR --put
// FILE` leaves them: one file per zone, named by its zonename. A file
// that cannot be read or merged is recorded in Failed, not merged at all.
func (m *Merger) ReadDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		f, err := os.Open(path)
		if err != nil {
			m.Failed = append(m.Failed, &ZoneError{path, err.Error()})
			continue
		}
		ds, err := m.decodeAll(f)
		f.Close()
		if err == nil {
			m.nameSamples(ds, e.Name())
			err = m.add(ds...)
		}
		if err != nil {
			m.Failed = append(m.Failed, &ZoneError{path, err.Error()})
		}
	}
	return nil
}

// zone merges the partial a zone printed, or records why there is none.
func (m *Merger) zone(v *streamValue) {
	name := v.Zonename
	if name == "" {
		name = v.Hostname + " (" + v.UUID + ")"
	}
	fail := func(format string, args ...any) {
		m.Failed = append(m.Failed, &ZoneError{name, fmt.Sprintf(format, args...)})
	}
	if m.seen == nil {
		m.seen = map[string]bool{}
	}
	if m.seen[name] {
		fail("appears twice; only its first result is merged")
		return
	}
	m.seen[name] = true
	if len(v.Error) > 0 && string(v.Error) != "null" {
		fail("manta-oneach: %s", oneachError(v.Error))
		return
	}
	if v.Result == nil {
		fail("manta-oneach gave neither a result nor an error")
		return
	}
	var status *int // null (as well as absent) is no status
	if err := json.Unmarshal(v.Result.ExitStatus, &status); err != nil || status == nil {
		// Ur reports no status when the command was killed, by a signal or
		// for printing more than the agent buffers.
		fail("no exit status (killed, or more output than Ur keeps)%s", stderrLine(v.Result.Stderr))
		return
	}
	if *status != 0 {
		fail("exit status %d%s", *status, stderrLine(v.Result.Stderr))
		return
	}
	if strings.TrimSpace(v.Result.Stdout) == "" {
		fail("printed nothing, no partial%s", stderrLine(v.Result.Stderr))
		return
	}
	ds, err := m.decodeAll(strings.NewReader(v.Result.Stdout))
	if err == nil {
		m.nameSamples(ds, name)
		err = m.add(ds...)
	}
	if err != nil {
		fail("%v", err)
	}
}

// nameSamples puts the zone before the file of each skipped-line sample:
// every zone's log has the same path.
func (m *Merger) nameSamples(ds []*decoded, zone string) {
	for _, d := range ds {
		for i := range d.samples {
			d.samples[i].File = zone + ":" + d.samples[i].File
		}
	}
}

// decodeAll reads and checks every partial in r (one zone's), so that
// they can be merged all or none.
func (m *Merger) decodeAll(r io.Reader) ([]*decoded, error) {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	var ds []*decoded
	for {
		var pf partialFile
		err := dec.Decode(&pf)
		if errors.Is(err, io.EOF) {
			if len(ds) == 0 {
				return nil, errors.New("empty, not an impact partial")
			}
			return ds, nil
		}
		if err == nil {
			var d *decoded
			d, err = pf.decode(m.inputs)
			m.inputs++
			if err == nil {
				ds = append(ds, d)
			}
		} else {
			err = fmt.Errorf("not an impact partial (at byte %d): %v", dec.InputOffset(), err)
		}
		if err != nil {
			for _, d := range ds {
				d.release()
			}
			return nil, err
		}
	}
}

// oneachError is the message of an error manta-oneach serialised with
// JSON.stringify: a VError keeps its message, other Errors may show none.
func oneachError(raw json.RawMessage) string {
	var e struct {
		Name    string `json:"name"`
		Message string `json:"message"`
	}
	if json.Unmarshal(raw, &e) == nil && e.Message != "" {
		return e.Message
	}
	var s string
	if json.Unmarshal(raw, &s) == nil && s != "" {
		return s
	}
	return "failed (" + string(raw) + ")"
}

// stderrLine is the last line a zone's command wrote to stderr, as a
// suffix for its failure.
func stderrLine(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	if last == "" {
		return ""
	}
	if len(last) > 200 {
		last = last[:200] + "…"
	}
	return ": " + last
}
