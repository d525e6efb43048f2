package gen

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestRecordsFollowAuditJS checks the generated records against what
// muskie's lib/audit.js and bunyan write: the field names and nesting, the
// fields present only for some requests, billable_operation, and the 499
// whose msg keeps the earlier status.
func TestRecordsFollowAuditJS(t *testing.T) {
	c := Default()
	c.Duration = 30 * time.Minute
	c.PerSecond = 20
	c.OutageFrom, c.OutageTo = c.Start.Add(10*time.Minute), c.Start.Add(20*time.Minute)
	c.Unrouted = 0.01
	seen := map[string]int{}
	n := 0
	Generate(c, func(ev Event, line []byte) {
		if ev.Kind != Request {
			return
		}
		n++
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatalf("record is not JSON: %v\n%s", err, line)
		}
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("%s: %s\n%s", ev.Operation, fmt.Sprintf(format, args...), line)
		}
		// bunyan's own fields, the child logger's, and audit.js's obj.
		for _, k := range []string{"name", "hostname", "pid", "component", "level", "msg", "time", "v",
			"audit", "_audit", "operation", "bytesTransferred", "logicalRemoteAddress", "remoteAddress",
			"remotePort", "req_id", "reqHeaderLength", "req", "resHeaderLength", "res", "latency", "secure"} {
			if _, ok := rec[k]; !ok {
				fail("no %q", k)
			}
		}
		if rec["audit"] != true || rec["_audit"] != true || rec["level"] != 30.0 || rec["v"] != 0.0 {
			fail("audit/_audit/level/v")
		}
		req, _ := rec["req"].(map[string]any)
		res, _ := rec["res"].(map[string]any)
		if req == nil || res == nil {
			fail("req or res is not an object")
		}
		for _, k := range []string{"method", "url", "headers", "httpVersion", "owner", "caller", "timers"} {
			if _, ok := req[k]; !ok {
				fail("no req.%s", k)
			}
		}
		if u, _ := req["url"].(string); !strings.HasPrefix(u, "/") {
			fail("req.url %v", req["url"])
		}
		if res["statusCode"] != float64(ev.Status) {
			fail("res.statusCode %v, want %d", res["statusCode"], ev.Status)
		}
		if rec["operation"] != ev.Operation || rec["hostname"] != ev.Hostname || rec["latency"] != float64(ev.LatencyMs) {
			fail("operation/hostname/latency differ from the event %+v", ev)
		}
		if want := ev.Time.UTC().Format("2006-01-02T15:04:05.000Z"); rec["time"] != want {
			fail("time %v, want %s", rec["time"], want)
		}
		// route is req.route.name: absent when no route matched.
		route, hasRoute := rec["route"]
		if ev.Route == "" {
			if hasRoute || ev.Operation != Unrouted {
				fail("an unrouted request has route %v", route)
			}
		} else if route != ev.Route || route != ev.Operation {
			fail("route %v", route)
		}
		// billable_operation: undefined (so absent) for what audit.js does not bill.
		bill, hasBill := rec["billable_operation"]
		switch want := billable(ev); {
		case want == "" && hasBill:
			fail("billable_operation %v, want none", bill)
		case want != "" && bill != want:
			fail("billable_operation %v, want %s", bill, want)
		}
		if ev.Directory && bill != "LIST" {
			fail("a directory listing is billed %v", bill)
		}
		// latencyToFirstByte and the data fields only where data moved.
		_, ttfb := rec["latencyToFirstByte"]
		_, data := rec["_auditData"]
		_, sharks := rec["sharksContacted"]
		if ttfb != data || data != sharks {
			fail("latencyToFirstByte %v, _auditData %v, sharksContacted %v", ttfb, data, sharks)
		}
		if data && (ev.Status < 200 || ev.Status > 299) {
			fail("data fields on a failed request")
		}
		// err: none when the request succeeded (restify passes undefined).
		e, hasErr := rec["err"].(map[string]any)
		if hasErr != (ev.Status >= 400) {
			fail("err %v for status %d", rec["err"], ev.Status)
		}
		if hasErr && (e["name"] == nil || e["message"] == nil || e["stack"] == nil) {
			fail("err is not what bunyan's err serializer writes: %v", e)
		}
		msg := rec["msg"].(string)
		if ev.Status == 499 {
			if msg == "handled: 499" {
				fail("msg of an abandoned request is %q: audit.js formats it before the 499", msg)
			}
		} else if msg != fmt.Sprintf("handled: %d", ev.Status) {
			fail("msg %q", msg)
		}
		for _, k := range []string{"billable_operation", "route", "latencyToFirstByte", "objectId"} {
			if _, ok := rec[k]; ok {
				seen[k]++
			}
		}
		seen["status "+fmt.Sprint(ev.Status/100)+"xx"]++
		if ev.Status == 499 {
			seen["499"]++
		}
		if ev.Operation == Unrouted {
			seen[Unrouted]++
		}
	})
	// The optional fields are both present and absent somewhere.
	for _, k := range []string{"billable_operation", "route", "latencyToFirstByte", "objectId"} {
		if seen[k] == 0 || seen[k] == n {
			t.Errorf("%s in %d of %d records: want some, not all", k, seen[k], n)
		}
	}
	for _, k := range []string{"status 2xx", "status 4xx", "status 5xx", "499", Unrouted} {
		if seen[k] == 0 {
			t.Errorf("no %s record in %d", k, n)
		}
	}
}

// TestOperationMix checks there are about twenty operations, each with a
// valid muskie route name and its method.
func TestOperationMix(t *testing.T) {
	if len(Operations) < 18 {
		t.Errorf("%d operations, want about 20", len(Operations))
	}
	for _, op := range Operations {
		if op.Name != strings.ToLower(op.Name) || strings.ContainsAny(op.Name, "-_ ") {
			t.Errorf("%q is not a restify route name (lower case, no punctuation)", op.Name)
		}
		want := map[string]string{"get": "GET", "hea": "HEAD", "put": "PUT", "del": "DELETE", "opt": "OPTIONS"}[op.Name[:3]]
		if want != "" && op.Method != want {
			t.Errorf("%s: method %s, want %s", op.Name, op.Method, want)
		}
	}
}
