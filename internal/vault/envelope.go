package vault

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// The sealed plaintext is an envelope: a few header lines binding the name
// and revision, a blank line, the payload, then padding. It stays readable
// when opened with the stock age CLI.
//
//	irp-vault v1
//	name: scenarios/amber-heron
//	revision: 3
//	length: 5123
//
//	---
//	id: amber-heron ...
const envelopeMagic = "irp-vault v1"

// minPad is the smallest padded size; above it, payloads are padded to the
// next power of two, so file sizes fall into a few buckets.
const minPad = 8 << 10

type envelope struct {
	name     string // path under vault/ without .age, e.g. scenarios/amber-heron
	revision int
	payload  []byte
}

func (e envelope) marshal() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nname: %s\nrevision: %d\nlength: %d\n\n", envelopeMagic, e.name, e.revision, len(e.payload))
	b.Write(e.payload)
	size := minPad
	for size < b.Len()+1 {
		size *= 2
	}
	// Pad with spaces and one final newline so `age -d` output stays tidy.
	b.Write(bytes.Repeat([]byte(" "), size-b.Len()-1))
	b.WriteByte('\n')
	return b.Bytes()
}

// errNoEnvelope means the plaintext was not sealed by irp (for example
// encrypted with `age -r`): it has no name or revision to check.
var errNoEnvelope = fmt.Errorf("not sealed by irp (no name and revision inside)")

func unmarshalEnvelope(b []byte) (envelope, error) {
	if !bytes.HasPrefix(b, []byte(envelopeMagic+"\n")) {
		return envelope{}, errNoEnvelope
	}
	start := len(envelopeMagic)
	end := bytes.Index(b[start:], []byte("\n\n"))
	if end < 0 {
		return envelope{}, fmt.Errorf("sealed header is not terminated")
	}
	end += start
	var e envelope
	length := -1
	for _, line := range strings.Split(string(b[start:end]), "\n") {
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			return envelope{}, fmt.Errorf("sealed header line %q is malformed", line)
		}
		var err error
		switch k {
		case "name":
			e.name = v
		case "revision":
			e.revision, err = strconv.Atoi(v)
		case "length":
			length, err = strconv.Atoi(v)
		}
		if err != nil {
			return envelope{}, fmt.Errorf("sealed header %s: %v", k, err)
		}
	}
	body := b[end+2:]
	if e.name == "" || length < 0 || length > len(body) {
		return envelope{}, fmt.Errorf("sealed header is incomplete")
	}
	e.payload = body[:length]
	return e, nil
}
