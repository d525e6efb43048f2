// Package gen writes synthetic muskie (Manta webapi) audit logs with a
// known ground truth, for irp impact's tests and benchmark.
//
// The records follow the fields muskie's lib/audit.js logs through bunyan
// (https://github.com/TritonDataCenter/manta-muskie/blob/master/lib/audit.js):
// operation and route are the lower-cased restify route names from
// lib/server.js (getstorage, putobject, putdirectory, createupload, ...); a
// request that matched no route is logged with operation "unknown" and no
// route. billable_operation is PUT, GET, LIST, DELETE, HEAD or OPTIONS, and
// absent for the operations audit.js does not bill (uploads, tokens).
// Fields muskie only knows for some requests are left out of the others, as
// bunyan drops undefined values: objectId, sharksContacted, the data fields
// (_auditData, dataLatency, dataSize) and latencyToFirstByte exist only
// where an object was read or written, parentShard and the upload shards
// only for the operations that touch them. res.statusCode is 499 when the
// client went away first, while msg keeps the status the server had set
// ("handled: 200"): audit.js formats msg before the res serializer rewrites
// the code. err is left out when the request succeeded (restify passes no
// error); a client that went away shows a RequestCloseError. /ping is
// never logged.
package gen

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// Operation is one kind of request and how it behaves.
type Operation struct {
	Name     string
	Method   string
	Weight   float64 // share of traffic
	MedianMs float64 // latency median when healthy
	OK       int     // status of a success
	// NotFound is the share of healthy requests that get a 4xx instead.
	NotFound float64
	// Outage is the share of requests that fail (5xx) during the outage.
	Outage float64
}

// Operations is a realistic mix of muskie operations: mostly reads, then
// writes, directory listings, multipart uploads and the odd root listing.
var Operations = []Operation{
	{"getstorage", "GET", 40, 18, 200, 0.04, 0.35},
	{"headstorage", "HEAD", 14, 7, 200, 0.06, 0.30},
	{"putobject", "PUT", 12, 65, 204, 0.01, 0.65},
	{"putdirectory", "PUT", 6, 25, 204, 0.005, 0.55},
	{"deletestorage", "DELETE", 5, 22, 204, 0.05, 0.55},
	{"putlink", "PUT", 3, 30, 204, 0.02, 0.60},
	{"getpublicstorage", "GET", 5, 15, 200, 0.08, 0.35},
	{"headpublicstorage", "HEAD", 2, 6, 200, 0.08, 0.30},
	{"putpublicobject", "PUT", 1.5, 70, 204, 0.01, 0.65},
	{"optionsstorage", "OPTIONS", 1, 2, 200, 0, 0.05},
	{"getrootdir", "GET", 1, 9, 200, 0, 0.30},
	{"headrootdir", "HEAD", 0.5, 5, 200, 0, 0.30},
	{"createupload", "POST", 1.5, 40, 201, 0.01, 0.70},
	{"uploadpart", "PUT", 3, 120, 204, 0.005, 0.70},
	{"commitupload", "POST", 1, 220, 201, 0.02, 0.75},
	{"abortupload", "POST", 0.3, 35, 204, 0.03, 0.60},
	{"getuploadstate", "GET", 0.7, 12, 200, 0.05, 0.40},
	{"getreportsstorage", "GET", 0.8, 20, 200, 0.05, 0.35},
	{"putreportsobject", "PUT", 0.4, 60, 204, 0.01, 0.65},
	{"createtoken", "POST", 0.3, 10, 201, 0.02, 0.20},
	{"deletepart", "DELETE", 0.2, 25, 204, 0.03, 0.60},
}

// Config describes the log to write.
type Config struct {
	Seed      uint64
	Start     time.Time
	Duration  time.Duration
	PerSecond float64 // requests per second over all hosts
	Hosts     int
	// OutageFrom and OutageTo bound the outage; zero times mean a healthy log.
	OutageFrom, OutageTo time.Time
	BaseFail             float64 // share of 5xx when healthy
	Abandon              float64 // share of 499 when healthy (tripled in the outage)
	Noise                float64 // share of extra lines that are not requests
	BadRecords           bool    // include audit records with a bad time or status among the noise
	// Unrouted is the share of requests that match no route (404 or 405,
	// operation "unknown", no route field).
	Unrouted float64
}

// Default is a clear half-hour outage in a two-hour log of 8 hosts.
func Default() Config {
	start := time.Date(2017, 6, 1, 9, 30, 0, 0, time.UTC)
	return Config{
		Seed: 1, Start: start, Duration: 2 * time.Hour, PerSecond: 60, Hosts: 8,
		OutageFrom: start.Add(35 * time.Minute), OutageTo: start.Add(67 * time.Minute),
		BaseFail: 0.002, Abandon: 0.002, Noise: 0.02, BadRecords: true, Unrouted: 0.002,
	}
}

// Kind tells what a generated line is.
type Kind uint8

// Line kinds. Only Request lines count as requests.
const (
	Request   Kind = iota
	NotAudit       // a valid bunyan record that is not an audit record
	Garbage        // not JSON at all
	Truncated      // an audit record cut short
	BadTime        // an audit record whose time is unusable
	BadStatus      // an audit record without a numeric res.statusCode
)

// Unrouted is the operation muskie logs for a request no route matched.
const Unrouted = "unknown"

// Event is the ground truth of one generated line.
type Event struct {
	Kind      Kind
	Host      int
	Hostname  string // the record's hostname
	Time      time.Time
	Operation string
	Route     string // empty: the record has no route field
	Status    int
	LatencyMs int
	Directory bool // a GET that listed a directory (billed as LIST)
	// Owner is the account uuid the request acted on (req.owner), Shard
	// the moray shard of its metadata (entryShard, "" when the record has
	// none) and Client the product token of its user-agent header.
	Owner, Shard, Client string
}

// Owners are the accounts requests act on; the first is the operator
// account, poseidon.
var Owners = []string{
	"930896af-bf8c-48d4-885c-6573a94b1853",
	"3d6a8f1e-52b4-4a0e-9d1c-1f3f6a2b7c11",
	"b1c2d3e4-0f5a-4b6c-8d7e-9fa0b1c2d3e4",
	"6e7f8091-a2b3-4c4d-9e5f-60718293a4b5",
}

// userAgents are the clients that send requests: node-manta (restify's
// client), curl, and a Java SDK through Apache HttpClient.
var userAgents = []string{
	"restify/1.4.1 (x64-sunos; v8/3.14.5.9; OpenSSL/1.0.1t) node/0.10.48",
	"curl/7.81.0",
	"Apache-HttpClient/4.5.13 (Java/1.8.0_292)",
}

// ClientOf is the product token of a user-agent header: what comes
// before the first "/" or space ("restify" for node-manta).
func ClientOf(ua string) string {
	for i := 0; i < len(ua); i++ {
		if ua[i] == '/' || ua[i] == ' ' {
			return ua[:i]
		}
	}
	return ua
}

// Generate writes the log line by line, in time order, calling emit for
// each with its ground truth. line is reused: copy it to keep it.
func Generate(c Config, emit func(ev Event, line []byte)) {
	g := newGen(c)
	total := c.PerSecond * c.Duration.Seconds()
	step := float64(c.Duration) / total
	var buf []byte
	for i := 0; float64(i) < total; i++ {
		t := c.Start.Add(time.Duration(float64(i)*step + g.r.Float64()*step))
		ev := g.request(t)
		buf = g.audit(buf[:0], &ev)
		emit(ev, buf)
		if c.Noise > 0 && g.r.Float64() < c.Noise {
			ev, buf = g.noise(buf[:0], t)
			emit(ev, buf)
		}
	}
}

type generator struct {
	c       Config
	r       *rand.Rand
	cum     []float64
	hosts   []string
	pids    []int
	counter uint64
}

func newGen(c Config) *generator {
	g := &generator{c: c, r: rand.New(rand.NewPCG(c.Seed, c.Seed^0x9e3779b97f4a7c15))}
	sum := 0.0
	for _, op := range Operations {
		sum += op.Weight
		g.cum = append(g.cum, sum)
	}
	for i := range max(c.Hosts, 1) {
		g.hosts = append(g.hosts, g.uuid())
		g.pids = append(g.pids, 10000+i*37)
	}
	return g
}

func (g *generator) inOutage(t time.Time) bool {
	return !g.c.OutageFrom.IsZero() && !t.Before(g.c.OutageFrom) && t.Before(g.c.OutageTo)
}

func (g *generator) request(t time.Time) Event {
	x := g.r.Float64() * g.cum[len(g.cum)-1]
	oi := 0
	for g.cum[oi] < x {
		oi++
	}
	op := Operations[oi]
	host := g.r.IntN(len(g.hosts))
	ev := Event{Kind: Request, Host: host, Hostname: g.hosts[host], Time: t, Operation: op.Name, Route: op.Name, Status: op.OK}
	if g.c.Unrouted > 0 && g.r.Float64() < g.c.Unrouted {
		ev.Operation, ev.Route = Unrouted, ""
		ev.Status = []int{404, 404, 405}[g.r.IntN(3)]
		ev.LatencyMs = 1 + g.r.IntN(3)
		return ev
	}
	switch op.Name {
	case "getrootdir":
		ev.Directory = true
	case "getstorage", "getpublicstorage", "getreportsstorage":
		ev.Directory = g.r.Float64() < 0.15
	}
	fail, abandon, slow := g.c.BaseFail, g.c.Abandon, 1.0
	if g.inOutage(t) {
		fail, abandon, slow = op.Outage, 3*g.c.Abandon, 6
	}
	lat := op.MedianMs * math.Exp(0.6*g.r.NormFloat64())
	switch u := g.r.Float64(); {
	case u < fail:
		ev.Status = []int{503, 503, 503, 500, 502, 504}[g.r.IntN(6)]
		lat *= slow
	case u < fail+abandon:
		ev.Status = 499
		lat *= slow * 3
	case u < fail+abandon+op.NotFound:
		ev.Status = []int{404, 404, 404, 403, 409}[g.r.IntN(5)]
	default:
		if slow > 1 {
			lat *= 2
		}
	}
	ev.LatencyMs = int(lat)
	return ev
}

func (g *generator) uuid() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 36)
	for i := range b {
		switch i {
		case 8, 13, 18, 23:
			b[i] = '-'
		default:
			b[i] = hex[g.r.IntN(16)]
		}
	}
	return string(b)
}

func (g *generator) hexid(b []byte, n int) []byte {
	const hex = "0123456789abcdef"
	v := g.r.Uint64()
	for i := range n {
		if i%16 == 15 {
			v = g.r.Uint64()
		}
		b = append(b, hex[v&15])
		v >>= 4
	}
	return b
}

var errNames = map[int][2]string{
	500: {"InternalError", "an unexpected error occurred"},
	502: {"BadGatewayError", "upstream moray request failed"},
	503: {"ServiceUnavailableError", "manta is unable to serve this request"},
	504: {"GatewayTimeoutError", "timed out waiting for storage"},
	404: {"ResourceNotFoundError", "/poseidon/stor/x was not found"},
	403: {"AuthorizationFailedError", "poseidon is not allowed to access /poseidon/stor/x"},
	409: {"DirectoryNotEmptyError", "/poseidon/stor/dir is not empty"},
	405: {"MethodNotAllowedError", "GET is not allowed"},
	499: {"RequestCloseError", "Request was closed"},
}

// audit appends one audit record in bunyan's field order.
func (g *generator) audit(b []byte, ev *Event) []byte {
	// Owner and client follow from what is already drawn, so the random
	// stream (and every other field) stays as it was.
	ev.Owner = Owners[(ev.Host+ev.LatencyMs)%len(Owners)]
	ua := userAgents[(2*ev.Host+ev.LatencyMs/7)%len(userAgents)]
	ev.Client = ClientOf(ua)
	op := opByName(ev.Operation)
	method := op.Method
	b = append(b, `{"name":"muskie","hostname":"`...)
	b = append(b, g.hosts[ev.Host]...)
	b = append(b, `","pid":`...)
	b = strconv.AppendInt(b, int64(g.pids[ev.Host]), 10)
	b = append(b, `,"component":"HttpServer","audit":true,"level":30,"_audit":true,"operation":"`...)
	b = append(b, ev.Operation...)
	b = append(b, '"')
	if bill := billable(*ev); bill != "" {
		b = append(b, `,"billable_operation":"`...)
		b = append(b, bill...)
		b = append(b, '"')
	}
	b = append(b, `,"bytesTransferred":`...)
	size := g.r.IntN(1 << 20)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, `,"logicalRemoteAddress":"10.`...)
	b = strconv.AppendInt(b, int64(g.r.IntN(255)), 10)
	b = append(b, `.`...)
	b = strconv.AppendInt(b, int64(g.r.IntN(255)), 10)
	b = append(b, `.7","remoteAddress":"127.0.0.1","remotePort":`...)
	b = strconv.AppendInt(b, int64(30000+g.r.IntN(30000)), 10)
	reqID := g.uuid()
	b = append(b, `,"req_id":"`...)
	b = append(b, reqID...)
	b = append(b, `","reqHeaderLength":`...)
	b = strconv.AppendInt(b, int64(600+g.r.IntN(300)), 10)
	b = append(b, `,"req":{"method":"`...)
	b = append(b, method...)
	b = append(b, `","url":"`...)
	b = g.url(b, *ev)
	b = append(b, `","headers":{"accept":"*/*","x-request-id":"`...)
	b = append(b, reqID...)
	b = append(b, `","date":"`...)
	b = ev.Time.Add(-time.Duration(ev.LatencyMs)*time.Millisecond).AppendFormat(b, time.RFC1123)
	b = append(b, `","authorization":"Signature keyId=\"/poseidon/keys/`...)
	b = g.hexid(b, 32)
	b = append(b, `\",algorithm=\"rsa-sha256\",headers=\"date\",signature=\"`...)
	b = g.hexid(b, 64)
	b = append(b, `\"","user-agent":"`...)
	b = append(b, ua...)
	b = append(b, `","accept-version":"~1.0","host":"manta.example.com","connection":"keep-alive","x-forwarded-for":"::ffff:10.1.2.3"},"httpVersion":"1.1","owner":"`...)
	b = append(b, ev.Owner...)
	b = append(b, `","caller":{"login":"poseidon","uuid":"930896af-bf8c-48d4-885c-6573a94b1853","groups":["operators"],"user":null},"timers":{"earlySetup":41,"parseDate":9,"parseQueryString":21,"handler-3":88,"checkIfPresigned":4,"enforceSSL":3,"ensureDependencies":5,"_authSetup":4,"preSignedUrl":3,"checkAuthzScheme":5,"parseAuthTokenHandler":52,"signatureHandler":`...)
	b = strconv.AppendInt(b, int64(60+g.r.IntN(200)), 10)
	b = append(b, `,"parseKeyId":47,"loadCaller":`...)
	b = strconv.AppendInt(b, int64(100+g.r.IntN(900)), 10)
	b = append(b, `,"verifySignature":`...)
	b = strconv.AppendInt(b, int64(300+g.r.IntN(500)), 10)
	b = append(b, `,"parseHttpAuthToken":7,"loadOwner":`...)
	b = strconv.AppendInt(b, int64(100+g.r.IntN(900)), 10)
	b = append(b, `,"getActiveRoles":5,"getMetadata":`...)
	b = strconv.AppendInt(b, int64(1000+g.r.IntN(9000)), 10)
	b = append(b, `}},"resHeaderLength":`...)
	b = strconv.AppendInt(b, int64(250+g.r.IntN(100)), 10)
	switch ev.Kind {
	case BadStatus:
		if g.r.IntN(2) == 0 {
			b = append(b, `,"res":{"statusCode":"`...)
			b = strconv.AppendInt(b, int64(ev.Status), 10)
			b = append(b, `","headers":{}}`...)
		}
	default:
		b = append(b, `,"res":{"statusCode":`...)
		b = strconv.AppendInt(b, int64(ev.Status), 10)
		b = append(b, `,"headers":{"last-modified":"Thu, 01 Jun 2017 08:12:44 GMT","content-type":"application/x-json-stream; type=directory","result-set-size":"`...)
		b = strconv.AppendInt(b, int64(g.r.IntN(1000)), 10)
		b = append(b, `","date":"`...)
		b = ev.Time.AppendFormat(b, time.RFC1123)
		b = append(b, `","server":"Manta","x-request-id":"`...)
		b = append(b, reqID...)
		b = append(b, `","x-response-time":`...)
		b = strconv.AppendInt(b, int64(ev.LatencyMs), 10)
		b = append(b, `,"x-server-name":"`...)
		b = append(b, g.hosts[ev.Host]...)
		b = append(b, `"}}`...)
	}
	// restify passes no error for a request that succeeded, so bunyan
	// leaves err out; a client that went away is a RequestCloseError.
	if e, ok := errNames[ev.Status]; ok {
		b = append(b, `,"err":{"message":"`...)
		b = append(b, e[1]...)
		b = append(b, `","name":"`...)
		b = append(b, e[0]...)
		b = append(b, `","stack":"`...)
		b = append(b, e[0]...)
		b = append(b, `: `...)
		b = append(b, e[1]...)
		b = append(b, `\n    at Object.<anonymous> (/opt/smartdc/muskie/lib/common.js:412:18)\n    at next (/opt/smartdc/muskie/node_modules/restify/lib/server.js:1015:26)"}`...)
	}
	b = append(b, `,"latency":`...)
	b = strconv.AppendInt(b, int64(ev.LatencyMs), 10)
	b = append(b, `,"secure":false`...)
	f := fieldsOf(*ev)
	if f.object {
		b = append(b, `,"objectId":"`...)
		b = append(b, g.uuid()...)
		b = append(b, '"')
	}
	if f.data {
		b = append(b, `,"sharksContacted":[{"shark":"`...)
		b = strconv.AppendInt(b, int64(1+g.r.IntN(40)), 10)
		b = append(b, `.stor.example.com","result":"ok","timeToFirstByte":`...)
		b = strconv.AppendInt(b, int64(ev.LatencyMs/3), 10)
		b = append(b, `,"timeTotal":`...)
		b = strconv.AppendInt(b, int64(ev.LatencyMs/2), 10)
		b = append(b, `,"_startTime":`...)
		b = strconv.AppendInt(b, ev.Time.UnixMilli()-int64(ev.LatencyMs), 10)
		b = append(b, `}]`...)
	}
	ev.Shard = ""
	if f.entryShard {
		at := len(b)
		b = g.shard(b, "entryShard")
		ev.Shard = string(b[at+len(`,"entryShard":"`) : len(b)-1])
	}
	if f.parentShard {
		b = g.shard(b, "parentShard")
	}
	if f.uploadShard {
		b = g.shard(b, "uploadRecordShard")
	}
	if f.finalizingShard {
		b = g.shard(b, "finalizingRecordShard")
	}
	if ev.Route != "" {
		b = append(b, `,"route":"`...)
		b = append(b, ev.Route...)
		b = append(b, '"')
	}
	if f.data {
		b = append(b, `,"_auditData":true,"dataLatency":`...)
		b = strconv.AppendInt(b, int64(ev.LatencyMs*2/3), 10)
		b = append(b, `,"dataSize":`...)
		b = strconv.AppendInt(b, int64(size), 10)
		b = append(b, `,"latencyToFirstByte":`...)
		b = strconv.AppendInt(b, int64(ev.LatencyMs/2), 10)
	}
	b = append(b, `,"msg":"handled: `...)
	if ev.Status == 499 {
		// audit.js formats msg before its res serializer turns the code
		// into 499, so msg keeps the status the server had set.
		b = strconv.AppendInt(b, int64(op.OK), 10)
	} else {
		b = strconv.AppendInt(b, int64(ev.Status), 10)
	}
	b = append(b, `","time":"`...)
	if ev.Kind == BadTime {
		b = append(b, []string{"yesterday", "2017-13-45T99:00:00Z", "", "1496311200"}[g.r.IntN(4)]...)
	} else {
		b = ev.Time.UTC().AppendFormat(b, "2006-01-02T15:04:05.000Z")
	}
	b = append(b, `","v":0}`...)
	return b
}

// url appends a request path that the operation's route would match.
func (g *generator) url(b []byte, ev Event) []byte {
	switch ev.Operation {
	case "getrootdir", "headrootdir":
		return append(b, "/poseidon"...)
	case "createtoken":
		return append(b, "/poseidon/tokens"...)
	case Unrouted:
		return append(b, []string{"/favicon.ico", "/poseidon/nonesuch", "/login"}[g.r.IntN(3)]...)
	case "createupload":
		return append(b, "/poseidon/uploads"...)
	case "uploadpart", "commitupload", "abortupload", "getuploadstate", "deletepart":
		b = append(b, "/poseidon/uploads/"...)
		b = g.hexid(b, 3)
		b = append(b, '/')
		b = append(b, g.uuid()...)
		switch ev.Operation {
		case "uploadpart", "deletepart":
			b = append(b, '/')
			b = strconv.AppendInt(b, int64(g.r.IntN(100)), 10)
		case "commitupload":
			b = append(b, "/commit"...)
		case "abortupload":
			b = append(b, "/abort"...)
		case "getuploadstate":
			b = append(b, "/state"...)
		}
		return b
	}
	top := "stor"
	switch ev.Operation {
	case "getpublicstorage", "headpublicstorage", "putpublicobject":
		top = "public"
	case "getreportsstorage", "putreportsobject":
		top = "reports"
	}
	b = append(b, "/poseidon/"...)
	b = append(b, top...)
	b = append(b, "/logs/"...)
	b = g.hexid(b, 12)
	if ev.Directory || ev.Operation == "putdirectory" {
		return append(b, "/2017/06/01"...)
	}
	b = append(b, "/2017/06/01/10/"...)
	b = g.hexid(b, 8)
	return append(b, ".log"...)
}

func (g *generator) shard(b []byte, key string) []byte {
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":"tcp://`...)
	b = strconv.AppendInt(b, int64(1+g.r.IntN(16)), 10)
	return append(b, `.moray.example.com:2020"`...)
}

// billable is the billable_operation audit.js logs for a request: empty
// for the operations it does not bill, which it leaves undefined.
func billable(ev Event) string {
	switch ev.Operation {
	case "putobject", "putpublicobject", "putreportsobject", "putdirectory",
		"putpublicdirectory", "putreportsdirectory", "postrootdir", "putlink",
		"putpubliclink", "putreportslink":
		return "PUT"
	case "getstorage", "getpublicstorage", "getreportsstorage", "getrootdir", "getroot":
		if ev.Directory {
			return "LIST"
		}
		return "GET"
	case "deletestorage", "deletepublicstorage", "deletereportsstorage", "deleterootdir":
		return "DELETE"
	case "headstorage", "headpublicstorage", "headreportsstorage", "headrootdir":
		return "HEAD"
	case "optionsstorage", "optionspublicstorage", "optionsreportsstorage":
		return "OPTIONS"
	}
	return ""
}

// fields says which of the fields muskie knows only for some requests a
// record carries.
type fields struct {
	object, data                                          bool
	entryShard, parentShard, uploadShard, finalizingShard bool
}

func fieldsOf(ev Event) fields {
	var f fields
	if ev.Operation == Unrouted {
		return f
	}
	ok := ev.Status >= 200 && ev.Status < 300
	switch ev.Operation {
	case "getstorage", "getpublicstorage", "getreportsstorage":
		f.object = ok && !ev.Directory
		f.data = f.object
	case "putobject", "putpublicobject", "putreportsobject", "uploadpart":
		f.object, f.data = ok, ok
	case "headstorage", "headpublicstorage", "deletestorage", "putlink":
		f.object = ok
	}
	switch ev.Operation {
	case "optionsstorage", "createtoken":
	default:
		f.entryShard = true
	}
	switch ev.Operation {
	case "putobject", "putpublicobject", "putreportsobject", "putdirectory", "putlink":
		f.parentShard = true
	case "createupload", "uploadpart", "commitupload", "abortupload", "getuploadstate", "deletepart":
		f.uploadShard = true
		f.finalizingShard = ev.Operation == "commitupload" || ev.Operation == "abortupload"
	}
	return f
}

func opByName(name string) Operation {
	for _, op := range Operations {
		if op.Name == name {
			return op
		}
	}
	return Operations[0]
}

var garbage = []string{
	"",
	"Jun  1 10:00:01 webapi-1 muskie[1234]: uncaught exception",
	"\x00\x01\x02\xff\xfe binary junk",
	"{{not json}}",
	`{"audit":true,"time":"2017-06-01T10:00:00Z","res":{"statusCode":503}`,
	"[1,2,3]",
	`"just a string"`,
}

// noise appends a line that is not a request: a non-audit bunyan record,
// garbage, a truncated record, or (with BadRecords) an audit record with
// an unusable time or status.
func (g *generator) noise(b []byte, t time.Time) (Event, []byte) {
	ev := g.request(t)
	kinds := 3
	if g.c.BadRecords {
		kinds = 5
	}
	switch g.r.IntN(kinds) {
	case 0:
		ev.Kind = NotAudit
		b = append(b, `{"name":"muskie","hostname":"`...)
		b = append(b, g.hosts[ev.Host]...)
		b = append(b, `","pid":`...)
		b = strconv.AppendInt(b, int64(g.pids[ev.Host]), 10)
		b = append(b, `,"component":"moray","level":40,"err":{"message":"no active connections","name":"NoBackendsError"},"msg":"moray: connection lost, reconnecting","time":"`...)
		b = t.UTC().AppendFormat(b, "2006-01-02T15:04:05.000Z")
		b = append(b, `","v":0}`...)
	case 1:
		ev.Kind = Garbage
		b = append(b, garbage[g.r.IntN(len(garbage))]...)
	case 2:
		ev.Kind = Truncated
		b = g.audit(b, &ev)
		b = b[:1+g.r.IntN(len(b)-2)]
	case 3:
		ev.Kind = BadTime
		b = g.audit(b, &ev)
	case 4:
		ev.Kind = BadStatus
		b = g.audit(b, &ev)
	}
	return ev, b
}
