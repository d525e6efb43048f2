package leak

import (
	"bytes"
	"sort"
)

// What counts as a private key (keys), as opposed to the marks of one
// (mayHoldKey, KeyWatch): documentation shows the shape of key files, and
// a cheat-sheet about certificates or ssh keys must be able to.

// keys returns the offsets in src where a private key starts. A key is
// key material, not its marks: an age identity with the bech32 data of a
// key, or a PEM "BEGIN … PRIVATE KEY" line followed by a base64 body (see
// pemMaterial). The shape of a PEM file shown as a template — the BEGIN
// line, a placeholder, the END line — is no key.
func keys(src []byte) []int {
	var at []int
	pats := keyPatterns()
	for i, re := range pats {
		for _, loc := range re.FindAllIndex(src, -1) {
			switch {
			case i == len(pats)-1: // PEM
				if !pemMaterial(src[loc[1]:]) {
					continue
				}
			case i == 0 && !varied(src[loc[0]+bytes.LastIndexByte(src[loc[0]:loc[1]], '1')+1:loc[1]]):
				continue // the key prefix followed by a run of X: a placeholder
			}
			at = append(at, loc[0])
		}
	}
	sort.Ints(at)
	return at
}

// minKeyBytes is the size of the smallest private key: a 32-byte seed
// (Ed25519, X25519). Every PEM or OpenSSH private key decodes to more
// (PKCS#8 Ed25519 is 48 bytes, so is one line of any longer key).
const minKeyBytes = 32

// pemMaterial reports whether the text after a PEM BEGIN line carries key
// material: a base64 body (after the RFC 1421 headers of an encrypted
// key) that decodes to at least minKeyBytes, has a line of at least
// minBodyLine symbols (words of prose do not) and looks like data rather
// than a placeholder (varied). A truncated key is still a key; what the
// key parsers accept always is. The body is found in Markdown, in HTML
// (tags are skipped: highlighted code wraps lines in spans) and in JSON or
// JS strings (\n escapes), also with its line breaks made spaces (the
// search index).
func pemMaterial(after []byte) bool {
	window := stripInlineTags(after[:min(len(after), 16<<10)])
	var body []byte
	long := false
	skip := 0
	for rest := window; ; {
		var tok []byte
		if tok, rest = nextKeyToken(rest); tok == nil {
			break
		}
		// Quotes and commas around a line in code, and the markers of a
		// quote, table or comment in front of it, are not part of it.
		tok = bytes.Trim(tok, "\"'`,;()")
		switch {
		case len(bytes.Trim(tok, ">|#*")) == 0:
			continue
		case skip > 0:
			skip--
			continue
		case string(tok) == "Proc-Type:" || string(tok) == "DEK-Info:":
			skip = 1 // the header's value
			continue
		case !isBase64Line(tok):
			return long && enough(body)
		}
		long = long || len(tok) >= minBodyLine
		body = append(body, bytes.TrimRight(tok, "=")...)
		if long && enough(body) {
			return true
		}
	}
	return long && enough(body)
}

// minBodyLine is the shortest line of a base64 body that marks it as one:
// tools wrap at 64 or 70 symbols, and only a key's last line is shorter.
const minBodyLine = 32

func enough(body []byte) bool { return len(body)*3/4 >= minKeyBytes && varied(body) }

// varied tells encoded key material from a placeholder such as
// XXXXXXXX… or AAAA…: key bytes in base64 or bech32 use many symbols.
func varied(b []byte) bool {
	var seen [256]bool
	n := 0
	for _, c := range b {
		if !seen[c] {
			seen[c] = true
			n++
		}
	}
	return n >= 16
}

// nextKeyToken splits off the first run of b that no space, line break,
// \n, \r or \t escape or U+2029 separates; tok is nil at the end.
func nextKeyToken(b []byte) (tok, rest []byte) {
	sep := func(i int) int { // the separator's length at i, or 0
		switch c := b[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return 1
		case c == '\\' && i+1 < len(b) && (b[i+1] == 'n' || b[i+1] == 'r' || b[i+1] == 't'):
			return 2
		case c == '\\' && bytes.HasPrefix(b[i:], []byte(`\u2029`)):
			return 6
		case c == 0xe2 && bytes.HasPrefix(b[i:], []byte("\u2029")):
			return 3
		}
		return 0
	}
	i := 0
	for i < len(b) {
		n := sep(i)
		if n == 0 {
			break
		}
		i += n
	}
	start := i
	for i < len(b) && sep(i) == 0 {
		i++
	}
	if i == start {
		return nil, nil
	}
	return b[start:i], b[i:]
}

// stripInlineTags turns each HTML tag in b into a space.
func stripInlineTags(b []byte) []byte {
	if bytes.IndexByte(b, '<') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	in := false
	for _, c := range b {
		switch {
		case c == '<':
			in = true
		case c == '>' && in:
			in = false
			out = append(out, ' ')
		case !in:
			out = append(out, c)
		}
	}
	return out
}

// isBase64Line reports whether l is a line of a base64 body: the base64
// alphabet, then at most two '='.
func isBase64Line(l []byte) bool {
	t := bytes.TrimRight(l, "=")
	if len(l)-len(t) > 2 || len(t) == 0 {
		return false
	}
	for _, c := range t {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
			return false
		}
	}
	return true
}
