package impact

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"
	"time"
)

func TestParseLine(t *testing.T) {
	for _, tc := range []struct {
		line   string
		skip   Skip
		op     string
		status int
		lat    float64
	}{
		{`{"audit":true,"operation":"getstorage","res":{"statusCode":200},"latency":12,"time":"2017-06-01T10:00:00.123Z"}`, SkipNone, "getstorage", 200, 12},
		{` {"time":"2017-06-01T10:00:00Z","res":{"headers":{"a":[1,{"b":null}]},"statusCode":503},"audit":true} `, SkipNone, "", 503, 0},
		{`{"audit":true,"operation":"put\u006fbject","res":{"statusCode":2e2},"latency":1.5e1,"time":"2017-06-01T12:00:00+02:00"}`, SkipNone, "putobject", 200, 15},
		{`{"audit":true,"res":{"statusCode":499},"time":"2017-06-01T10:00:00Z","err":{"stack":"a\n\"b\""}}`, SkipNone, "", 499, 0},
		{`{"audit":true,"res":{"statusCode":200},"time":"2017-06-01T10:00:00Z"`, SkipNotJSON, "", 0, 0},
		{`{"audit":true,"res":{"statusCode":200},"time":"2017-06-01T10:00:00Z"}}`, SkipNotJSON, "", 0, 0},
		{`{"audit":true,"res":{"statusCode":200},"time":"2017-06-01T10:00:00Z","x":01}`, SkipNotJSON, "", 0, 0},
		{`{"audit":true,"res":{"statusCode":200},"time":"2017-06-01T10:00:00Z","x":"\q"}`, SkipNotJSON, "", 0, 0},
		{"{\"audit\":true,\"x\":\"tab\there\"}", SkipNotJSON, "", 0, 0},
		{``, SkipNotJSON, "", 0, 0},
		{`[]`, SkipNotJSON, "", 0, 0},
		{`{"name":"muskie","msg":"hello","time":"2017-06-01T10:00:00Z"}`, SkipNotAudit, "", 0, 0},
		{`{"audit":"true","res":{"statusCode":200},"time":"2017-06-01T10:00:00Z"}`, SkipNotAudit, "", 0, 0},
		{`{"audit":true,"audit":false,"res":{"statusCode":200},"time":"2017-06-01T10:00:00Z"}`, SkipNotAudit, "", 0, 0},
		{`{"audit":true,"res":{"statusCode":"200"},"time":"2017-06-01T10:00:00Z"}`, SkipBadField, "", 0, 0},
		{`{"audit":true,"res":{"statusCode":200.5},"time":"2017-06-01T10:00:00Z"}`, SkipBadField, "", 0, 0},
		{`{"audit":true,"res":{"statusCode":200},"time":"2017-02-30T10:00:00Z"}`, SkipBadField, "", 0, 0},
		{`{"audit":true,"res":{"statusCode":200},"time":1496311200}`, SkipBadField, "", 0, 0},
		{`{"audit":true,"res":{"statusCode":200}}`, SkipBadField, "", 0, 0},
	} {
		var r Record
		if got := ParseLine([]byte(tc.line), &r); got != tc.skip {
			t.Errorf("%s: %v, want %v", tc.line, got, tc.skip)
			continue
		}
		if tc.skip == SkipNone && (string(r.Operation) != tc.op || r.Status != tc.status || r.Latency != tc.lat) {
			t.Errorf("%s: got %q %d %v", tc.line, r.Operation, r.Status, r.Latency)
		}
	}
}

func TestParseTimeMatchesTimePackage(t *testing.T) {
	for _, s := range []string{"2017-06-01T10:05:00Z", "2017-06-01T10:05:00.1Z", "2000-02-29T23:59:59.999999999Z",
		"1969-12-31T23:59:59.5Z", "2400-02-29T00:00:00Z", "2017-06-01T10:05:00.Z", "2017-06-01T24:00:00Z",
		"0000-01-01T00:00:00.0Z", "1677-12-31T23:59:59Z", "1678-01-01T00:00:00Z", "2261-12-31T23:59:59.999Z",
		"2262-01-01T00:00:00Z", "2262-06-01T00:00:00+02:00", "9999-12-31T23:59:59Z"} {
		want, werr := time.Parse(time.RFC3339Nano, s)
		if y := want.UTC().Year(); werr == nil && (y < minYear || y > maxYear) {
			werr = errors.New("out of range")
		}
		got, ok := parseTime([]byte(s))
		if ok != (werr == nil) || ok && got != want.UnixNano() {
			t.Errorf("%s: %v %v, want %v %v", s, got, ok, want.UnixNano(), werr)
		}
	}
}

// FuzzParseLine checks the hand-written scanner against encoding/json: the
// same lines are JSON objects, and an accepted record has the fields the
// reference decoder sees.
func FuzzParseLine(f *testing.F) {
	g := generate(small(9))
	for _, l := range g.lines[:40] {
		f.Add(l)
	}
	if b, err := os.ReadFile("testdata/muskie-audit.log"); err == nil {
		for _, l := range bytes.Split(b, []byte("\n")) {
			f.Add(l)
		}
	}
	f.Add([]byte(`{"audit":true,"res":{"statusCode":503},"time":"2017-06-01T10:00:00Z","latency":3}`))
	f.Add([]byte(`{"a":[[[[]]]],"audit":true,"res":{"statusCode":1e2},"time":"2017-06-01T10:00:00.5+01:00"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		var r Record
		got := ParseLine(line, &r)
		valid := json.Valid(line) && bytes.HasPrefix(bytes.TrimLeft(line, " \t\r\n"), []byte("{"))
		if (got == SkipNotJSON) == valid && !deep(line) {
			t.Fatalf("%q: %v, but json.Valid says %v", line, got, valid)
		}
		if !valid || bytes.IndexByte(line, '\\') >= 0 {
			return // escaped keys are out of scope: muskie never writes them
		}
		// A map, not a struct: encoding/json matches struct fields
		// case-insensitively, and bunyan's keys are case-sensitive.
		var m map[string]any
		if json.Unmarshal(line, &m) != nil {
			return
		}
		ref := struct{ Audit, Time, Latency, Res any }{m["audit"], m["time"], m["latency"], m["res"]}
		if ref.Audit != true {
			if got != SkipNotAudit {
				t.Fatalf("%q: %v, want not audit", line, got)
			}
			return
		}
		status, okStatus := 0, false
		if res, ok := ref.Res.(map[string]any); ok {
			if v, ok := res["statusCode"].(float64); ok && v == math.Trunc(v) && v >= 100 && v <= 999 {
				status, okStatus = int(v), true
			}
		}
		var when time.Time
		okTime := false
		if s, ok := ref.Time.(string); ok {
			var err error
			when, err = time.Parse(time.RFC3339Nano, s)
			okTime = err == nil && when.UTC().Year() >= minYear && when.UTC().Year() <= maxYear
		}
		if !okStatus || !okTime {
			if got != SkipBadField {
				t.Fatalf("%q: %v, want bad field", line, got)
			}
			return
		}
		if got != SkipNone || r.Status != status || r.Time != when.UnixNano() {
			t.Fatalf("%q: %v %d %d, want %d %d", line, got, r.Status, r.Time, status, when.UnixNano())
		}
		if lat, ok := ref.Latency.(float64); ok != r.HasLatency || ok && lat != r.Latency {
			t.Fatalf("%q: latency %v %v, want %v", line, r.Latency, r.HasLatency, ref.Latency)
		}
		shard, _ := m["entryShard"].(string)
		var owner, client string
		if req, ok := m["req"].(map[string]any); ok {
			owner, _ = req["owner"].(string)
			if h, ok := req["headers"].(map[string]any); ok {
				ua, _ := h["user-agent"].(string)
				client = string(product([]byte(ua)))
			}
		}
		if string(r.Shard) != shard || string(r.Owner) != owner || string(r.Client) != client {
			t.Fatalf("%q: shard, owner, client %q %q %q, want %q %q %q", line, r.Shard, r.Owner, r.Client, shard, owner, client)
		}
	})
}

// deep reports nesting beyond the scanner's limit, where it refuses lines
// encoding/json accepts.
func deep(b []byte) bool {
	return bytes.Count(b, []byte("["))+bytes.Count(b, []byte("{")) > maxDepth
}

// TestMuskieRecords reads records in the exact shape muskie's lib/audit.js
// logs through bunyan (nested req.headers, req.caller, req.timers,
// res.headers, err, sharksContacted, entryShard; a 499 whose msg keeps the
// status the server had set; a request no route matched), a moray log line
// and a record cut short:
// https://github.com/TritonDataCenter/manta-muskie/blob/7447144cd0edd9ecd50f737dab1f55285e83238c/lib/audit.js#L113-L240
func TestMuskieRecords(t *testing.T) {
	b, err := os.ReadFile("testdata/muskie-audit.log")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		skip                     Skip
		op, owner, shard, client string
		status                   int
		latency                  float64
	}{
		{SkipNone, "putobject", "930896af-bf8c-48d4-885c-6573a94b1853", "tcp://2.moray.coal.example.com:2020", "restify", 204, 436},
		{SkipNone, "getstorage", "3d6a8f1e-52b4-4a0e-9d1c-1f3f6a2b7c11", "tcp://1.moray.coal.example.com:2020", "curl", 200, 12},
		{SkipNone, "putobject", "930896af-bf8c-48d4-885c-6573a94b1853", "tcp://2.moray.coal.example.com:2020", "restify", 503, 30031},
		{SkipNone, "getstorage", "3d6a8f1e-52b4-4a0e-9d1c-1f3f6a2b7c11", "tcp://1.moray.coal.example.com:2020", "Apache-HttpClient", 499, 1180},
		{SkipNone, "unknown", "", "", "curl", 404, 1},
		{SkipNotAudit, "", "", "", "", 0, 0},
		{SkipNotJSON, "", "", "", "", 0, 0},
	}
	lines := bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(lines), len(want))
	}
	for i, w := range want {
		var r Record
		if got := ParseLine(lines[i], &r); got != w.skip {
			t.Errorf("line %d: %v, want %v", i+1, got, w.skip)
			continue
		}
		if w.skip != SkipNone {
			continue
		}
		if string(r.Operation) != w.op || string(r.Owner) != w.owner || string(r.Shard) != w.shard ||
			string(r.Client) != w.client || r.Status != w.status || r.Latency != w.latency {
			t.Errorf("line %d: got %s %q %q %q %d %v", i+1, r.Operation, r.Owner, r.Shard, r.Client, r.Status, r.Latency)
		}
	}
}

// FuzzMayStop checks the eight-byte test against the byte table.
func FuzzMayStop(f *testing.F) {
	f.Add(uint64(0x4141414141414141))
	f.Add(uint64(0x2241414141414141))
	f.Add(uint64(0x80ff5c1f20212223))
	f.Fuzz(func(t *testing.T, w uint64) {
		want := false
		for i := range 8 {
			want = want || strStop[byte(w>>(8*i))]
		}
		if got := mayStop(w); got != want {
			t.Fatalf("mayStop(%#x) = %v, want %v", w, got, want)
		}
	})
}
