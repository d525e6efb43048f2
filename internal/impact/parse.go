package impact

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"strconv"
	"time"
)

// Skip says why a line was not counted as a request.
type Skip uint8

// The reasons a line is skipped. SkipNone means the line is a request.
const (
	SkipNone     Skip = iota
	SkipNotJSON       // not one complete JSON object (garbage, truncated)
	SkipNotAudit      // valid JSON, but not a record with "audit": true
	SkipBadField      // an audit record without a usable time or res.statusCode
	numSkips
)

var skipNames = [numSkips]string{"", "not JSON", "not an audit record", "bad or missing time/statusCode"}

func (s Skip) String() string { return skipNames[s] }

// Record holds the few fields of one audit line that impact needs. The byte
// slices point into the line (or a scratch buffer) and are only valid until
// the next call to ParseLine.
type Record struct {
	Time       int64 // Unix nanoseconds
	Status     int
	Latency    float64 // milliseconds
	HasLatency bool
	Operation  []byte
	Host       []byte
	Route      []byte
	Owner      []byte // req.owner: the account the request acted on
	Shard      []byte // entryShard: the moray shard of the request's metadata
	Client     []byte // the product token of req.headers["user-agent"] ("restify", "curl")
}

// maxDepth bounds nesting so hostile input cannot blow the stack.
const maxDepth = 512

// ParseLine reads one bunyan line. It checks that the line is exactly one
// well-formed JSON object (so a truncated line never counts, even when the
// fields impact needs come before the cut) and picks out the top-level
// audit, time, operation, hostname, route, latency and res.statusCode,
// without decoding anything else. A repeated key counts by its last value,
// as in jq.
func ParseLine(line []byte, r *Record) Skip {
	*r = Record{}
	p := lineParser{b: line}
	var audit, haveStatus bool
	var timeRaw []byte
	timeEsc := false
	p.ws()
	if !p.eat('{') {
		return SkipNotJSON
	}
	p.ws()
	if !p.eat('}') {
		for {
			key, _, ok := p.str()
			if !ok {
				return SkipNotJSON
			}
			p.ws()
			if !p.eat(':') {
				return SkipNotJSON
			}
			p.ws()
			ok = true
			switch string(key) {
			case "audit":
				audit = p.peekLit("true")
				ok = p.value(0)
			case "time":
				timeRaw, timeEsc, ok = p.maybeStr()
			case "operation":
				r.Operation, ok = p.textField()
			case "hostname":
				r.Host, ok = p.textField()
			case "route":
				r.Route, ok = p.textField()
			case "entryShard":
				r.Shard, ok = p.textField()
			case "req":
				r.Owner, r.Client, ok = p.req()
			case "latency":
				r.Latency, r.HasLatency, ok = p.maybeNum()
			case "res":
				haveStatus = false
				r.Status, haveStatus, ok = p.res()
			default:
				ok = p.value(0)
			}
			if !ok {
				return SkipNotJSON
			}
			p.ws()
			if p.eat(',') {
				p.ws()
				continue
			}
			if p.eat('}') {
				break
			}
			return SkipNotJSON
		}
	}
	p.ws()
	if p.i != len(p.b) {
		return SkipNotJSON
	}
	if !audit {
		return SkipNotAudit
	}
	if !haveStatus || timeRaw == nil {
		return SkipBadField
	}
	if timeEsc {
		var s string
		if json.Unmarshal(quoteAgain(timeRaw), &s) != nil {
			return SkipBadField
		}
		timeRaw = []byte(s)
	}
	t, ok := parseTime(timeRaw)
	if !ok {
		return SkipBadField
	}
	r.Time = t
	return SkipNone
}

type lineParser struct {
	b []byte
	i int
}

func (p *lineParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *lineParser) eat(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *lineParser) peekLit(lit string) bool {
	return bytes.HasPrefix(p.b[p.i:], []byte(lit))
}

// strStop marks the bytes a string scan must look at: the closing quote,
// an escape, and control characters, which JSON does not allow raw.
var strStop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// mayStop reports whether any of the eight bytes in w is a quote, a
// backslash or a control character (< 0x20): the bytes strStop marks. The
// zero-byte and less-than tests (Hacker's Delight 6-1) have no false
// negatives, and give a false positive only above a true one.
func mayStop(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := w ^ (ones * '"')
	s := w ^ (ones * '\\')
	return ((q-ones)&^q|(s-ones)&^s|(w-ones*0x20)&^w)&highs != 0
}

// str reads a string and returns its raw contents (escapes left as they
// are) and whether it holds any escape.
func (p *lineParser) str() (raw []byte, escaped, ok bool) {
	if !p.eat('"') {
		return nil, false, false
	}
	b, i := p.b, p.i
	start := i
	for {
		// Eight bytes at a time while none of them can end the scan
		// (SWAR: no quote, no backslash, no control character), then
		// byte by byte to the one that does, among the next eight.
		for i+8 <= len(b) && !mayStop(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
		}
		for i < len(b) && !strStop[b[i]] {
			i++
		}
		if i >= len(b) {
			return nil, false, false
		}
		switch b[i] {
		case '"':
			p.i = i + 1
			return b[start:i], escaped, true
		case '\\':
			escaped = true
			i++
			if i >= len(b) {
				return nil, false, false
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if i+5 > len(b) {
					return nil, false, false
				}
				for _, h := range b[i+1 : i+5] {
					if !isHex(h) {
						return nil, false, false
					}
				}
				i += 5
			default:
				return nil, false, false
			}
		default: // a control character
			return nil, false, false
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// maybeStr reads any value; if it is a string it returns its raw contents.
func (p *lineParser) maybeStr() (raw []byte, escaped, ok bool) {
	if p.i < len(p.b) && p.b[p.i] == '"' {
		raw, escaped, ok = p.str()
		if raw == nil && ok {
			raw = []byte{}
		}
		return raw, escaped, ok
	}
	return nil, false, p.value(0)
}

// textField reads a value that impact groups by; a string with escapes is
// decoded (rare, so the slow path is fine), anything else reads as absent.
func (p *lineParser) textField() ([]byte, bool) {
	raw, esc, ok := p.maybeStr()
	if !ok || !esc {
		return raw, ok
	}
	var s string
	if json.Unmarshal(quoteAgain(raw), &s) != nil {
		return nil, false
	}
	return []byte(s), true
}

func quoteAgain(raw []byte) []byte {
	q := make([]byte, 0, len(raw)+2)
	q = append(q, '"')
	q = append(q, raw...)
	return append(q, '"')
}

// maybeNum reads any value; if it is a number it returns it.
func (p *lineParser) maybeNum() (float64, bool, bool) {
	start := p.i
	if p.i < len(p.b) && (p.b[p.i] == '-' || p.b[p.i] >= '0' && p.b[p.i] <= '9') {
		if !p.num() {
			return 0, false, false
		}
		v, isNum := numValue(p.b[start:p.i])
		return v, isNum, true
	}
	return 0, false, p.value(0)
}

// numValue converts a validated JSON number.
func numValue(b []byte) (float64, bool) {
	var n int64
	plain := len(b) > 0 && len(b) < 16
	for _, c := range b {
		if c < '0' || c > '9' {
			plain = false
			break
		}
		n = n*10 + int64(c-'0')
	}
	if plain {
		return float64(n), true
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// req reads the "req" value: the owner's uuid and the product token of the
// user-agent header, when it is an object holding them.
func (p *lineParser) req() (owner, client []byte, ok bool) {
	if !p.eat('{') {
		return nil, nil, p.value(0)
	}
	p.ws()
	if p.eat('}') {
		return nil, nil, true
	}
	for {
		key, _, ok := p.str()
		if !ok {
			return nil, nil, false
		}
		p.ws()
		if !p.eat(':') {
			return nil, nil, false
		}
		p.ws()
		switch string(key) {
		case "owner":
			owner, ok = p.textField()
		case "headers":
			client, ok = p.userAgent()
		default:
			ok = p.value(1)
		}
		if !ok {
			return nil, nil, false
		}
		p.ws()
		if p.eat(',') {
			p.ws()
			continue
		}
		if p.eat('}') {
			return owner, client, true
		}
		return nil, nil, false
	}
}

// userAgent reads req.headers and returns the product token of its
// user-agent: what comes before the first "/" or space.
func (p *lineParser) userAgent() (client []byte, ok bool) {
	if !p.eat('{') {
		return nil, p.value(1)
	}
	p.ws()
	if p.eat('}') {
		return nil, true
	}
	for {
		key, _, ok := p.str()
		if !ok {
			return nil, false
		}
		p.ws()
		if !p.eat(':') {
			return nil, false
		}
		p.ws()
		if string(key) == "user-agent" {
			ua, ok := p.textField()
			if !ok {
				return nil, false
			}
			client = product(ua)
		} else if !p.value(2) {
			return nil, false
		}
		p.ws()
		if p.eat(',') {
			p.ws()
			continue
		}
		if p.eat('}') {
			return client, true
		}
		return nil, false
	}
}

// product is the first token of a user-agent value.
func product(ua []byte) []byte {
	for i, c := range ua {
		if c == '/' || c == ' ' {
			return ua[:i]
		}
	}
	return ua
}

// res reads the "res" value and returns its statusCode when it is an
// object holding an integer statusCode.
func (p *lineParser) res() (status int, have, ok bool) {
	if !p.eat('{') {
		return 0, false, p.value(0)
	}
	p.ws()
	if p.eat('}') {
		return 0, false, true
	}
	for {
		key, _, ok := p.str()
		if !ok {
			return 0, false, false
		}
		p.ws()
		if !p.eat(':') {
			return 0, false, false
		}
		p.ws()
		if string(key) == "statusCode" {
			v, isNum, ok := p.maybeNum()
			if !ok {
				return 0, false, false
			}
			have = isNum && v == float64(int(v)) && v >= 100 && v <= 999
			status = 0
			if have {
				status = int(v)
			}
		} else if !p.value(1) {
			return 0, false, false
		}
		p.ws()
		if p.eat(',') {
			p.ws()
			continue
		}
		if p.eat('}') {
			return status, have, true
		}
		return 0, false, false
	}
}

// value skips over one JSON value, checking its syntax.
func (p *lineParser) value(depth int) bool {
	if p.i >= len(p.b) {
		return false
	}
	switch c := p.b[p.i]; {
	case c == '"':
		_, _, ok := p.str()
		return ok
	case c == '{':
		if depth >= maxDepth {
			return false
		}
		p.i++
		p.ws()
		if p.eat('}') {
			return true
		}
		for {
			if _, _, ok := p.str(); !ok {
				return false
			}
			p.ws()
			if !p.eat(':') {
				return false
			}
			p.ws()
			if !p.value(depth + 1) {
				return false
			}
			p.ws()
			if p.eat(',') {
				p.ws()
				continue
			}
			return p.eat('}')
		}
	case c == '[':
		if depth >= maxDepth {
			return false
		}
		p.i++
		p.ws()
		if p.eat(']') {
			return true
		}
		for {
			if !p.value(depth + 1) {
				return false
			}
			p.ws()
			if p.eat(',') {
				p.ws()
				continue
			}
			return p.eat(']')
		}
	case c == 't':
		return p.lit("true")
	case c == 'f':
		return p.lit("false")
	case c == 'n':
		return p.lit("null")
	case c == '-' || c >= '0' && c <= '9':
		return p.num()
	}
	return false
}

func (p *lineParser) lit(s string) bool {
	if bytes.HasPrefix(p.b[p.i:], []byte(s)) {
		p.i += len(s)
		return true
	}
	return false
}

// num skips a number per the JSON grammar.
func (p *lineParser) num() bool {
	p.eat('-')
	if p.eat('0') {
		// no leading zeros
	} else if !p.digits() {
		return false
	}
	if p.eat('.') && !p.digits() {
		return false
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if !p.eat('+') {
			p.eat('-')
		}
		if !p.digits() {
			return false
		}
	}
	return true
}

func (p *lineParser) digits() bool {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// Timestamps must fall in these years (UTC), where Unix nanoseconds fit
// in an int64; anything else is a bad timestamp.
const minYear, maxYear = 1678, 2261

// parseTime reads an RFC 3339 timestamp, fast for bunyan's own
// "2006-01-02T15:04:05.000Z" form.
func parseTime(b []byte) (int64, bool) {
	if len(b) >= 20 && b[len(b)-1] == 'Z' && b[4] == '-' && b[7] == '-' &&
		b[10] == 'T' && b[13] == ':' && b[16] == ':' {
		y, ok1 := atoi(b[0:4])
		mo, ok2 := atoi(b[5:7])
		d, ok3 := atoi(b[8:10])
		h, ok4 := atoi(b[11:13])
		mi, ok5 := atoi(b[14:16])
		s, ok6 := atoi(b[17:19])
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && y >= minYear && y <= maxYear && mo >= 1 && mo <= 12 && d >= 1 &&
			d <= daysIn(mo, y) && h < 24 && mi < 60 && s < 60 {
			var frac int64
			rest := b[19 : len(b)-1]
			if len(rest) > 0 {
				if rest[0] != '.' || len(rest) < 2 || len(rest) > 10 {
					goto slow
				}
				scale := int64(1e9)
				for _, c := range rest[1:] {
					if c < '0' || c > '9' {
						goto slow
					}
					scale /= 10
					frac += int64(c-'0') * scale
				}
			}
			days := daysFromCivil(y, mo, d)
			return (days*86400+int64(h*3600+mi*60+s))*1e9 + frac, true
		}
	}
slow:
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return 0, false
	}
	if y := t.UTC().Year(); y < minYear || y > maxYear {
		return 0, false
	}
	return t.UnixNano(), true
}

func atoi(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is days since 1970-01-01 (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era*146097 + doe - 719468)
}
