package impact

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// partialOf is the partial of a log.
func partialOf(t testing.TB, p Params, log []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := readAll(t, p, fromBytes("a.log", log)).WritePartial(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oneachLine is one result of manta-oneach -J, as mzResultToJson writes it.
func oneachLine(zone string, result, errJSON string) string {
	s := `{"uuid":"44454c4c-5700-1047-8051-b3c04f585131","hostname":"RA14872"`
	if zone != "" {
		s += `,"zonename":"` + zone + `","service":"webapi"`
	}
	if errJSON != "" {
		return s + `,"error":` + errJSON + "}\n"
	}
	return s + `,"result":` + result + "}\n"
}

func stdoutResult(status, stdout, stderr string) string {
	o, _ := json.Marshal(stdout)
	e, _ := json.Marshal(stderr)
	if status == "" {
		return `{"stdout":` + string(o) + `,"stderr":` + string(e) + `}`
	}
	return `{"exit_status":` + status + `,"stdout":` + string(o) + `,"stderr":` + string(e) + `}`
}

// TestMergerStreams: partials one after another, and the same partials
// inside a -J stream, merge to the report of one pass over their logs.
func TestMergerStreams(t *testing.T) {
	p := Params{Bucket: time.Minute, By: ByOperation}
	var logs [][]byte
	var all []byte
	for seed := range uint64(3) {
		l := join(generate(small(seed + 20)).lines)
		logs = append(logs, l)
		all = append(all, l...)
	}
	single := jsonOf(t, summarize(t, readAll(t, p, fromBytes("all", all))))
	var concat bytes.Buffer
	var stream strings.Builder
	for i, l := range logs {
		part := partialOf(t, p, l)
		concat.Write(part)
		stream.WriteString(oneachLine(string(rune('a'+i))+"-zone", stdoutResult("0", string(part), ""), ""))
	}
	for name, in := range map[string]string{"concatenated": concat.String(), "oneach -J": stream.String()} {
		var m Merger
		if err := m.Read(strings.NewReader(in)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(m.Failed) > 0 {
			t.Fatalf("%s: failed %v", name, m.Failed)
		}
		if got := jsonOf(t, summarize(t, m.Aggregate())); got != single {
			t.Errorf("%s: merged report differs\n got %s\nwant %s", name, got, single)
		}
	}
}

// TestMergerZoneFailures: every way a zone can fail is named, with its
// reason, and leaves the others merged.
func TestMergerZoneFailures(t *testing.T) {
	p := Params{Bucket: time.Minute, By: ByOperation}
	log := join(generate(small(7)).lines)
	part := string(partialOf(t, p, log))
	want := 2 * readAll(t, p, fromBytes("a.log", log)).Requests()
	other := string(partialOf(t, Params{Bucket: 30 * time.Second, By: ByOperation}, log))
	tests := []struct {
		line, zone, reason string
	}{
		{oneachLine("z-err", "", `{"jse_shortmsg":"boom","jse_info":{},"message":"boom"}`), "z-err", "manta-oneach: boom"},
		{oneachLine("z-errempty", "", `{}`), "z-errempty", "manta-oneach: failed ({})"},
		{oneachLine("z-exit", stdoutResult("2", part, "line 1\nirp: no such file\n"), ""), "z-exit", "exit status 2: irp: no such file"},
		{oneachLine("z-killed", stdoutResult("", part[:40], ""), ""), "z-killed", "no exit status (killed, or more output than Ur keeps)"},
		{oneachLine("z-null", stdoutResult("null", part, ""), ""), "z-null", "no exit status (killed, or more output than Ur keeps)"},
		{oneachLine("z-code", stdoutResult(`"ERR_CHILD_PROCESS_STDIO_MAXBUFFER"`, part, ""), ""), "z-code", "no exit status (killed, or more output than Ur keeps)"},
		{oneachLine("z-empty", stdoutResult("0", " \n", ""), ""), "z-empty", "printed nothing, no partial"},
		{oneachLine("z-junk", stdoutResult("0", "Welcome to SmartOS\n"+part, ""), ""), "z-junk", "not an impact partial (at byte"},
		{oneachLine("z-cut", stdoutResult("0", part[:len(part)/2], ""), ""), "z-cut", "not an impact partial (at byte"},
		{oneachLine("z-flags", stdoutResult("0", other, ""), ""), "z-flags", "aggregates differ"},
		{oneachLine("", "", `{"message":"down"}`), "RA14872 (44454c4c-5700-1047-8051-b3c04f585131)", "manta-oneach: down"},
	}
	for _, tt := range tests {
		var m Merger
		in := oneachLine("z-ok", stdoutResult("0", part, ""), "") + tt.line + oneachLine("z-ok2", stdoutResult("0", part, ""), "")
		if err := m.Read(strings.NewReader(in)); err != nil {
			t.Fatalf("%s: Read: %v", tt.zone, err)
		}
		if len(m.Failed) != 1 || m.Failed[0].Zone != tt.zone || !strings.HasPrefix(m.Failed[0].Reason, tt.reason) {
			t.Errorf("%s: failed %v, want one for %s: %s…", tt.zone, m.Failed, tt.zone, tt.reason)
			continue
		}
		if got := m.Aggregate().Requests(); got != want {
			t.Errorf("%s: %d requests merged, want the two good zones'", tt.zone, got)
		}
	}

	var m Merger
	twice := oneachLine("z", stdoutResult("0", part, ""), "") + oneachLine("z", stdoutResult("0", part, ""), "")
	if err := m.Read(strings.NewReader(twice)); err != nil {
		t.Fatal(err)
	}
	if len(m.Failed) != 1 || !strings.Contains(m.Failed[0].Reason, "appears twice") {
		t.Errorf("a zone twice: failed %v", m.Failed)
	}
}

func TestMergerRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"empty":      "",
		"bunyan":     `{"name":"muskie","hostname":"x","audit":true}` + "\n",
		"not json":   "hello\n",
		"version 1":  `{"format":"irp-impact-partial","version":1}`,
		"bad cells":  `{"format":"irp-impact-partial","version":2,"bucket":"1m0s","by":"operation","lines":1,"skips":[0,0,0],"ncells":1,"cells":"AAAA"}`,
		"cells left": `{"format":"irp-impact-partial","version":2,"bucket":"1m0s","by":"operation","lines":0,"skips":[0,0,0],"ncells":0,"cells":"` + packed(t, 1, 2, 3) + `"}`,
	} {
		var m Merger
		if err := m.Read(strings.NewReader(in)); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
}

// packed deflates varints (all < 128) as packCells would, in base64.
func packed(t testing.TB, vs ...byte) string {
	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	zw.Write(vs)
	zw.Close()
	b, _ := json.Marshal(buf.Bytes())
	return strings.Trim(string(b), `"`)
}

// FuzzMergerRead: no input makes the merge panic, and whatever it accepts
// summarizes.
func FuzzMergerRead(f *testing.F) {
	p := Params{Bucket: time.Minute, By: ByOperation}
	part := partialOf(f, p, join(generate(small(3)).lines[:300]))
	f.Add(part)
	f.Add([]byte(oneachLine("z", stdoutResult("0", string(part), ""), "")))
	f.Add([]byte(oneachLine("z", "", `{"message":"x"}`)))
	f.Add([]byte(`{"format":"irp-impact-partial","version":2,"bucket":"1m0s","by":"operation","window":{"from":"2017-06-01T10:00:00Z","to":"2017-06-01T11:00:00Z"},"lines":0,"skips":[0,0,0],"groups":["a"],"ncells":0,"cells":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Merger
		if m.Read(bytes.NewReader(data)) != nil || m.Aggregate() == nil {
			return
		}
		Summarize(m.Aggregate())
	})
}

// FuzzUnpackCells reaches the packed cells past deflate: the fuzzer writes
// the varints.
func FuzzUnpackCells(f *testing.F) {
	var raw bytes.Buffer
	a := readAll(f, Params{Bucket: time.Minute, By: ByOperation}, fromBytes("a", join(generate(small(5)).lines[:200])))
	var w bytes.Buffer
	a.WritePartial(&w)
	var pf partialFile
	json.Unmarshal(w.Bytes(), &pf)
	zr := flate.NewReader(bytes.NewReader(pf.Cells))
	raw.ReadFrom(zr)
	f.Add(raw.Bytes(), pf.NCells, len(pf.Groups), false)
	f.Add([]byte{0, 1, 1, 200, 1, 1, 1, 3, 1}, 1, 1, true)
	f.Fuzz(func(t *testing.T, raw []byte, n, groups int, fixed bool) {
		if n > 1<<16 || groups < 0 || groups > 64 {
			return
		}
		var buf bytes.Buffer
		zw, _ := flate.NewWriter(&buf, flate.BestSpeed)
		zw.Write(raw)
		zw.Close()
		d := &decoded{params: Params{Bucket: time.Minute, By: ByOperation, Fixed: fixed, From: 0, To: 1}}
		for i := range groups {
			d.groups = append(d.groups, string(rune('a'+i)))
		}
		if _, err := d.unpackCells(buf.Bytes(), n); err != nil {
			return
		}
		agg := NewAggregate(d.params)
		agg.add(d)
		Summarize(agg)
	})
}
