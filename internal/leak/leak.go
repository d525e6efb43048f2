// Package leak finds sealed scenario text and private keys in files that
// are about to be published.
package leak

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"irp/internal/scenario"
)

// Shingle is how many consecutive words make a leak.
const Shingle = 8

// Finding is one leak: a passage of a sealed scenario section, or a private
// key, at File:Line.
type Finding struct {
	File     string
	Line     int
	Scenario string // "" for a private key
	Section  string // "" for a private key
	Kind     string // "sealed text" or "private key"
}

// Kinds of Finding.
const (
	SealedText = "sealed text"
	PrivateKey = "private key"
)

// maxFile bounds what is read of one file; larger files are skipped.
const maxFile = 64 << 20

type origin struct{ scenario, section string }

// Check scans every file under dirs for passages of Shingle or more
// consecutive words of any section of scenarios (ignoring case,
// punctuation, whitespace and line breaks; HTML tags and JS string escapes
// are seen through) and for private keys. scenarios may be nil to look for
// keys only. The shingle hashes are keyed with a random per-run seed and
// live only in memory.
func Check(scenarios map[string]*scenario.Scenario, dirs []string) ([]Finding, error) {
	seed := maphash.MakeSeed()
	index := map[uint64]origin{}
	ids := make([]string, 0, len(scenarios))
	for id := range scenarios {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s := scenarios[id]
		for _, sec := range scenario.SectionNames {
			ws := words([]byte(s.Sections[sec]), false)
			for i := 0; i+Shingle <= len(ws); i++ {
				if crossesBlock(ws[i : i+Shingle]) {
					continue
				}
				h := hashWords(seed, ws[i:i+Shingle])
				if _, dup := index[h]; !dup {
					index[h] = origin{id, sec}
				}
			}
		}
	}
	// One goroutine walks, every core reads and scans; findings come back
	// in walk order.
	type job struct {
		n    int
		path string
	}
	type result struct {
		n     int
		found []Finding
		err   error
	}
	jobs, results := make(chan job), make(chan result)
	var walkErr error
	go func() {
		defer close(jobs)
		n := 0
		walkErr = walk(dirs, func(path string) {
			jobs <- job{n, path}
			n++
		})
	}()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				found, err := scanPath(j.path, seed, index)
				results <- result{j.n, found, err}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var all []result
	for r := range results {
		all = append(all, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].n < all[j].n })
	var out []Finding
	for _, r := range all {
		if r.err != nil {
			return out, r.err
		}
		out = append(out, r.found...)
	}
	return out, walkErr
}

// walk calls f with every regular file under dirs, in lexical order,
// leaving out .git and node_modules. A dir that does not exist holds
// nothing.
func walk(dirs []string, f func(path string)) error {
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && path == dir {
					return nil
				}
				return err
			}
			if d.IsDir() {
				if path != dir && (d.Name() == ".git" || d.Name() == "node_modules") {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				f(path)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func scanPath(path string, seed maphash.Seed, index map[uint64]origin) ([]Finding, error) {
	src, err := readSmall(path)
	if err != nil || src == nil || isBinary(src) {
		return nil, err
	}
	return scanFile(path, src, seed, index), nil
}

// readSmall reads a file of at most maxFile bytes whole, and returns nil
// for a larger one. It makes four system calls where a walk, a stat and
// os.ReadFile make six: a built site is thousands of small files.
func readSmall(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() > maxFile {
		return nil, err
	}
	b := make([]byte, st.Size())
	n, err := io.ReadFull(f, b)
	if err == io.ErrUnexpectedEOF { // it shrank meanwhile
		err = nil
	}
	return b[:n], err
}

func isBinary(b []byte) bool {
	return bytes.IndexByte(b[:min(len(b), 8000)], 0) >= 0 || !utf8.Valid(b[:min(len(b), 8000)]) && !utf8.Valid(b)
}

var keyPatterns = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		regexp.MustCompile(`AGE-SECRET-KEY-(PQ-)?1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{50,}`),
		regexp.MustCompile(`AGE-PLUGIN-[A-Z0-9-]+-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{20,}`),
		regexp.MustCompile(`-----BEGIN ((OPENSSH|RSA|EC|DSA|ENCRYPTED) )?PRIVATE KEY-----`),
	}
})

// keyMarks are literal parts of every keyPatterns match: a file without
// any of them is not run through the regexps.
var keyMarks = [][]byte{[]byte("AGE-SECRET-KEY-"), []byte("AGE-PLUGIN-"), []byte("PRIVATE KEY-----")}

func mayHoldKey(src []byte) bool {
	for _, m := range keyMarks {
		if bytes.Contains(src, m) {
			return true
		}
	}
	return false
}

func scanFile(path string, src []byte, seed maphash.Seed, index map[uint64]origin) []Finding {
	var out []Finding
	if mayHoldKey(src) {
		for _, at := range keys(src) {
			out = append(out, Finding{File: path, Line: 1 + bytes.Count(src[:at], []byte("\n")), Kind: PrivateKey})
		}
	}
	if len(index) == 0 {
		return out
	}
	text := src
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".xml", ".svg":
		text = stripTags(src)
	}
	ws := words(text, true)
	reported := map[origin]bool{}
	for i := 0; i+Shingle <= len(ws); i++ {
		if crossesBlock(ws[i : i+Shingle]) {
			continue
		}
		o, ok := index[hashWords(seed, ws[i:i+Shingle])]
		if !ok || reported[o] {
			continue
		}
		reported[o] = true
		out = append(out, Finding{File: path, Line: ws[i].line, Scenario: o.scenario, Section: o.section, Kind: SealedText})
	}
	return out
}

type word struct {
	text string
	line int
	// block: a code block starts or ends just before this word.
	block bool
}

// crossesBlock reports whether a run of words spans the edge of a code
// block. A passage never does: the text either side of a fence or a <pre>
// is prose on one side and a command on the other, and words at the end of
// a paragraph followed by the first words of a command under it are no
// sentence of a scenario, even when a sealed sentence runs on from the
// same words into the same command. Every other line break, blank or not,
// is ignored as the spec asks.
func crossesBlock(ws []word) bool {
	for _, w := range ws[1:] {
		if w.block {
			return true
		}
	}
	return false
}

// blockMark stands for the edge of a code block in text; stripTags puts it
// where a <pre> or </pre> tag was.
const blockMark = '\x1e'

// isBlockMark reports whether r marks the edge of a code block: blockMark,
// or the paragraph separator U+2029 that the site's search index writes
// around the code blocks of a section's text.
func isBlockMark(r rune) bool { return r == blockMark || r == '\u2029' }

// words splits b into lowercase runs of letters and digits, with the line
// each starts on, and marks the first word after the edge of a code block:
// a Markdown fence line, or a block mark (isBlockMark). With
// escapes, backslash escapes (\n, \t, \u0041) as found in JS and JSON
// strings separate words instead of gluing letters on; an escaped block
// mark (\u2029) is a block boundary.
func words(b []byte, escapes bool) []word {
	var out []word
	var cur strings.Builder
	line, start := 1, 1
	block, curBlock := true, true
	lineStart := 0 // offset of the current line
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, word{cur.String(), start, curBlock})
			cur.Reset()
		}
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if escapes && r == '\\' && i+1 < len(b) {
			switch c := b[i+1]; {
			case c == 'u' && i+6 <= len(b):
				flush()
				if v, ok := hex4(b[i+2 : i+6]); ok && isBlockMark(v) {
					block = true
				} else if ok && (unicode.IsLetter(v) || unicode.IsDigit(v)) {
					start, curBlock, block = line, block, false
					cur.WriteRune(unicode.ToLower(v))
				}
				i += 6
				continue
			case c >= 'a' && c <= 'z':
				flush()
				i += 2
				continue
			}
		}
		if isBlockMark(r) {
			flush()
			block = true
			i += size
			continue
		}
		if (r == 'h' || r == 'H') && cur.Len() == 0 {
			if n := urlLen(b[i:]); n > 0 {
				// A link is a reference, not prose: a page that cites the
				// same pinned source file as a scenario gives nothing away,
				// and the words of a URL are not checked.
				i += n
				continue
			}
		}
		if r == '\n' {
			flush()
			if fence(b[lineStart:i]) {
				block = true
			}
			line++
			lineStart = i + 1
			i += size
			if next := b[lineStart:]; fence(next[:lineEnd(next)]) {
				block = true
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if cur.Len() == 0 {
				start, curBlock, block = line, block, false
			}
			cur.WriteRune(unicode.ToLower(r))
		} else if r != '\'' && r != '\u2019' {
			// An apostrophe stays inside a word: "don't" is one word.
			flush()
		}
		i += size
	}
	flush()
	return out
}

// urlLen is the length of the http(s) URL b starts with, 0 when it does
// not start with one. A URL ends at white space, a quote, an angle bracket
// or a closing parenthesis (as in Markdown's [text](URL)).
func urlLen(b []byte) int {
	var n int
	switch {
	case len(b) >= 8 && strings.EqualFold(string(b[:8]), "https://"):
		n = 8
	case len(b) >= 7 && strings.EqualFold(string(b[:7]), "http://"):
		n = 7
	default:
		return 0
	}
	for n < len(b) {
		switch b[n] {
		case ' ', '\t', '\n', '\r', '"', '\'', '<', '>', ')', '`':
			return n
		}
		n++
	}
	return n
}

// fence reports whether a line opens or closes a Markdown code fence.
func fence(l []byte) bool {
	t := bytes.TrimSpace(l)
	return bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))
}

func lineEnd(b []byte) int {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return i
	}
	return len(b)
}

func hex4(b []byte) (rune, bool) {
	var v rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			v = v*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v*16 + rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

func hashWords(seed maphash.Seed, ws []word) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, w := range ws {
		h.WriteString(w.text)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// stripTags blanks out HTML tags (keeping line breaks, so line numbers
// hold) and decodes entities.
func stripTags(b []byte) []byte {
	out := make([]byte, 0, len(b))
	in := false
	for i, c := range b {
		switch {
		case c == '<':
			in = true
			if preTag(b[i+1:]) {
				out = append(out, blockMark)
			} else {
				out = append(out, ' ')
			}
		case c == '>' && in:
			in = false
			out = append(out, ' ')
		case in && c != '\n':
		default:
			out = append(out, c)
		}
	}
	if bytes.IndexByte(out, '&') < 0 {
		return out
	}
	lines := bytes.Split(out, []byte("\n"))
	for i, l := range lines {
		if bytes.IndexByte(l, '&') >= 0 {
			lines[i] = []byte(html.UnescapeString(string(l)))
		}
	}
	return bytes.Join(lines, []byte("\n"))
}

// preTag reports whether the tag that b starts (just after its '<') is
// <pre> or </pre>.
func preTag(b []byte) bool {
	if len(b) > 0 && b[0] == '/' {
		b = b[1:]
	}
	return len(b) >= 4 && strings.EqualFold(string(b[:3]), "pre") && (b[3] == '>' || b[3] == ' ' || b[3] == '\t' || b[3] == '\n' || b[3] == '/')
}

// Message says what was found and what to do, without the path.
func (f Finding) Message() string {
	if f.Kind == PrivateKey {
		return "private key: remove it, and replace the key since it has leaked"
	}
	return fmt.Sprintf("text of sealed scenario %s (%s section): %d or more words in a row; reword it, or retire the scenario first", f.Scenario, f.Section, Shingle)
}

// KeyWatch sees a file's bytes as they are written and notes whether any
// could be part of a private key (a key mark, even split across writes).
// A file it has not flagged holds no key; one it has is for Check.
type KeyWatch struct {
	tail []byte // the last bytes seen, shorter than the longest mark
	hit  bool
}

// Write looks at p; it never fails.
func (w *KeyWatch) Write(p []byte) (int, error) {
	if w.hit || len(p) == 0 {
		return len(p), nil
	}
	longest := 0
	for _, m := range keyMarks {
		longest = max(longest, len(m))
	}
	// A mark split between the last write and this one.
	edge := append(w.tail, p[:min(len(p), longest-1)]...)
	if mayHoldKey(edge) || mayHoldKey(p) {
		w.hit = true
		return len(p), nil
	}
	// Keep the last longest-1 bytes seen, for the next write.
	keep := longest - 1
	if len(p) >= keep {
		w.tail = append(w.tail[:0], p[len(p)-keep:]...)
	} else {
		w.tail = append(w.tail, p...)
		w.tail = append(w.tail[:0], w.tail[max(0, len(w.tail)-keep):]...)
	}
	return len(p), nil
}

// Hit reports whether the bytes seen so far may hold a private key.
func (w *KeyWatch) Hit() bool { return w.hit }
