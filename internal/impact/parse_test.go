package impact

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
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
	})
}

// deep reports nesting beyond the scanner's limit, where it refuses lines
// encoding/json accepts.
func deep(b []byte) bool {
	return bytes.Count(b, []byte("["))+bytes.Count(b, []byte("{")) > maxDepth
}
