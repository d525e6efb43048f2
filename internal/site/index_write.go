package site

import (
	"bytes"
	"encoding/json"
	"hash/fnv"
	"math"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// The search index as the theme's search reads it (see
// themes/irp/assets/js/search/engine.js): prebuilt here, so the page does
// no indexing, and cut into parts the page loads with script tags on
// demand (file:// allows no fetch):
//
//   - search-index.js, the manifest: every entry's page, heading and
//     anchor, and every term of the index, grouped by its first two
//     characters, with the part that holds its postings;
//   - search/data/tN.js, postings: for each term, the entries that have
//     it and the score each gets for it;
//   - search/data/xN.js, the text of textChunk entries in a row, for
//     snippets.
//
// Every file sets one property of window.IRP_SEARCH_PARTS (the manifest
// sets window.IRP_SEARCH_INDEX).

// DataDir holds the parts of the search index, under the site root.
const DataDir = "search/data"

const (
	textChunk   = 32       // entries per text part
	postingPart = 48 << 10 // bytes a postings part grows to before the next starts
)

// Fields and boosts as the search ranks them: a match in a page's title
// counts six times one in its text.
var fieldBoosts = [...]float64{6, 3, 4, 1.5, 1} // title, heading, symptoms, summary, text

const titleField = 0

// BM25+ parameters (those of MiniSearch, which ranked the site's search
// before this index: the ranking stayed).
const bm25K, bm25B, bm25D = 1.2, 0.7, 0.5

// The page-top boost: the top of a page (summary, symptoms, intro) is a
// better landing place than one of its sections when both match as well,
// and by far the best one for the term that is the page's title.
const topBoost, titleTermBoost = 1.25, 4.0

// searchPage is the search page's own entries, which are not indexed.
var searchPage = regexp.MustCompile(`^search/(?:index\.html)?(?:#|$)`)

// posting is one entry that has a term: its score for the term, and
// whether it has the term elsewhere than in the page title.
type posting struct {
	doc      int32
	score    float64
	notTitle bool
}

// manifest is search-index.js. What it holds per page and per entry is
// in a few long strings rather than arrays of many small values: a page
// parses a string literal in half the time.
type manifest struct {
	Version int    `json:"v"`
	Build   string `json:"build"` // changes with any part: added to part URLs so no stale copy is used
	Dir     string `json:"dir"`
	Chunk   int    `json:"chunk"`
	// Pages: the title, URL, section and Manta versions of each page, in
	// a row, separated by termSep.
	Pages string `json:"pages"`
	// Per entry: its page, as the change from the entry before (appendVarint
	// of its zigzag); its heading ("" at the top), separated by termSep;
	// and its anchor, in Anchor as a letter: 't' the top of the page (no
	// anchor), 's' the heading's slug (headingSlug), which most are, 'x'
	// the next of Anchors.
	Page    string   `json:"page"`
	Heading string   `json:"heading"`
	Anchor  string   `json:"anchor"`
	Anchors []string `json:"anchors"`
	// Terms by key (their first two characters): the postings part and
	// the terms, sorted, separated by termSep.
	Terms map[string]termGroup `json:"terms"`
}

// joined is the values separated by termSep, any termSep in them made a
// space first (the page splits at every one).
func joined(values []string) string {
	for i, v := range values {
		values[i] = strings.ReplaceAll(v, termSep, " ")
	}
	return strings.Join(values, termSep)
}

type termGroup struct {
	Part  int
	Terms string
}

func (g termGroup) MarshalJSON() ([]byte, error) {
	t, err := marshalJS(g.Terms)
	if err != nil {
		return nil, err
	}
	return []byte("[" + strconv.Itoa(g.Part) + "," + string(t) + "]"), nil
}

// indexFile is one file of the index, relative to the site root.
type indexFile struct {
	name string
	data []byte
}

// buildIndex turns the entries into the files of the search index; n is
// the number of entries indexed. The parts are made on every core: the
// text parts while the terms are scored, then the postings parts.
func buildIndex(all []Doc) (files []indexFile, n int, err error) {
	docs := all[:0:0]
	for _, d := range all {
		if !searchPage.MatchString(d.URL) {
			docs = append(docs, d)
		}
	}
	m := manifest{Version: manifestVersion, Dir: DataDir, Chunk: textChunk, Terms: map[string]termGroup{}, Anchors: []string{}}
	pageOf := map[string]int{}
	var pages, headings []string
	page := make([]byte, 0, len(docs))
	anchors := make([]byte, len(docs))
	last := 0
	for i, d := range docs {
		url, anchor, _ := strings.Cut(d.URL, "#")
		p, ok := pageOf[url]
		if !ok {
			p = len(pageOf)
			pageOf[url] = p
			pages = append(pages, d.Title, url, d.Section, d.Manta)
		}
		delta := int32(p - last)
		page = appendVarint(page, uint32(delta<<1^delta>>31)) // zigzag
		last = p
		headings = append(headings, d.Heading)
		switch slug, ok := headingSlug(d.Heading); {
		case anchor == "":
			anchors[i] = 't'
		case ok && slug == anchor:
			anchors[i] = 's'
		default:
			anchors[i] = 'x'
			m.Anchors = append(m.Anchors, anchor)
		}
	}
	m.Pages, m.Page, m.Heading, m.Anchor = joined(pages), string(page), joined(headings), string(anchors)

	texts := (len(docs) + textChunk - 1) / textChunk
	files = make([]indexFile, texts)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the text parts, beside the scoring
		defer wg.Done()
		eachIndex(texts, func(k int) {
			files[k] = textPart("x"+strconv.Itoa(k), docs[k*textChunk:min(len(docs), (k+1)*textChunk)])
		})
	}()
	terms, postings := scoreTerms(docs)
	wg.Wait()

	// Terms in order share a key with their neighbours; a part takes
	// whole keys until it is big enough.
	type group struct{ key, first, end int } // terms[first:end] share terms[key]'s key
	var parts [][]group
	var size int
	for i := 0; i < len(terms); {
		key := termKey(terms[i])
		j := i
		for j < len(terms) && termKey(terms[j]) == key {
			j++
		}
		if size >= postingPart || len(parts) == 0 {
			parts, size = append(parts, nil), 0
		}
		for k := i; k < j; k++ {
			size += len(postings[k]) + len(terms[k]) + 4
		}
		parts[len(parts)-1] = append(parts[len(parts)-1], group{i, i, j})
		m.Terms[key] = termGroup{Part: texts + len(parts) - 1, Terms: strings.Join(terms[i:j], termSep)}
		i = j
	}
	files = append(files, make([]indexFile, len(parts))...)
	eachIndex(len(parts), func(k int) {
		groups := parts[k]
		// A part is a JSON object of key → postings, keys in byte order
		// (as encoding/json writes a map), with marshalJS's separators.
		sort.Slice(groups, func(a, b int) bool { return termKey(terms[groups[a].key]) < termKey(terms[groups[b].key]) })
		name := "t" + strconv.Itoa(texts+k)
		size := 80
		for _, gr := range groups {
			for i := gr.first; i < gr.end; i++ {
				size += len(postings[i]) + 8
			}
		}
		body := make([]byte, 0, size+size/16)
		body = append(body, partPrefix(name)...)
		body = append(body, '{')
		for g, gr := range groups {
			if g > 0 {
				body = append(body, ","+passageEnd...)
			}
			body = appendJSONString(body, termKey(terms[gr.key]))
			body = append(body, ":["...)
			for i := gr.first; i < gr.end; i++ {
				if i > gr.first {
					body = append(body, ","+passageEnd...)
				}
				body = appendJSONString(body, postings[i])
			}
			body = append(body, ']')
		}
		body = append(body, "};\n"...)
		files[texts+k] = indexFile{path.Join(DataDir, name+".js"), body}
	})

	h := fnv.New64a()
	for _, f := range files {
		h.Write(f.data)
	}
	body, err := marshalJS(m)
	if err != nil {
		return nil, 0, err
	}
	h.Write(body)
	// The build mark goes in where the hash was taken without it.
	const unset = `"build":""`
	mark := `"build":"` + strconv.FormatUint(h.Sum64(), 36) + `"`
	i := bytes.Index(body, []byte(unset))
	var buf bytes.Buffer
	buf.Grow(len(body) + 64)
	buf.WriteString("window.IRP_SEARCH_INDEX = ")
	buf.Write(body[:i])
	buf.WriteString(mark)
	buf.Write(body[i+len(unset):])
	buf.WriteString(";\n")
	return append(files, indexFile{IndexFile, buf.Bytes()}), len(docs), nil
}

// eachIndex calls f(0) … f(n-1) on every core.
func eachIndex(n int, f func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// appendJSONString appends s as a JSON string, byte for byte as
// encoding/json writes it without HTML escaping (marshalJS): quotes,
// backslashes and control characters escaped, U+2028 and U+2029 as
// \u2028 and \u2029, a byte that is not UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// textPart is the script of text part name: per entry, its text and, at a
// page's top, its summary and symptoms; as partFile would write the rows,
// without a second copy.
func textPart(name string, chunk []Doc) indexFile {
	size := 80
	for _, d := range chunk {
		size += len(d.Text) + len(d.Summary) + len(d.Symptoms) + 16
	}
	b := make([]byte, 0, size+size/32)
	b = append(b, partPrefix(name)...)
	b = append(b, '[')
	for i, d := range chunk {
		if i > 0 {
			b = append(b, ","+passageEnd...)
		}
		b = append(b, '[')
		b = appendJSONString(b, d.Text)
		if d.Summary != "" || d.Symptoms != "" {
			b = append(b, ","+passageEnd...)
			b = appendJSONString(b, d.Summary)
			b = append(b, ","+passageEnd...)
			b = appendJSONString(b, d.Symptoms)
		}
		b = append(b, ']')
	}
	b = append(b, "];\n"...)
	return indexFile{path.Join(DataDir, name+".js"), b}
}

// manifestVersion changes with the manifest's shape; the theme's search
// refuses any other (MANIFEST_VERSION in engine.js).
const manifestVersion = 3

// headingSlug is the anchor a heading gets in the usual case, an ASCII
// heading's letters and digits lowercased, spaces as "-", "-" and "_" kept,
// the rest dropped; ok is false for a heading beyond ASCII. The theme's
// search derives the same (headingSlug in engine.js), so the manifest
// leaves such anchors out.
func headingSlug(h string) (slug string, ok bool) {
	b := make([]byte, 0, len(h))
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c >= utf8.RuneSelf:
			return "", false
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
			b = append(b, c)
		case c == ' ':
			b = append(b, '-')
		}
	}
	return string(b), true
}

// termKey is the first two characters of a term: terms with the same key
// are in the same postings part, so a prefix search reads one part.
func termKey(t string) string {
	i := 0
	for n := 0; n < 2 && i < len(t); n++ {
		_, w := utf8.DecodeRuneInString(t[i:])
		i += w
	}
	return t[:i]
}

// partPrefix is how the script of part name starts: it sets
// IRP_SEARCH_PARTS[name] to what follows.
func partPrefix(name string) string {
	return "(window.IRP_SEARCH_PARTS||(window.IRP_SEARCH_PARTS={}))[\"" + name + "\"]="
}

// marshalJS is v as JSON with a paragraph separator (U+2029) after each
// comma that follows a string, list or object: to JavaScript a line break, to the leak check the
// edge of a passage, so that the end of one entry and the start of the
// next (a title, then a URL) never read as one sentence of a sealed
// scenario.
func marshalJS(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	src := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	out := make([]byte, 0, len(src)+len(src)/16)
	inString, escaped := false, false
	var last byte // the last byte outside a string, or '"' for a string's end
	for _, c := range src {
		out = append(out, c)
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
			last = c
		case inString:
		case c == ',':
			if last == '"' || last == ']' || last == '}' {
				out = append(out, passageEnd...) // after text, not between numbers
			}
			last = c
		default:
			last = c
		}
	}
	return out, nil
}

// passageEnd is U+2029, raw: JSON would escape it inside a string, but
// between values it is the leak check's edge of a passage.
const passageEnd = "\u2029"

// termSep separates the terms of a group in the manifest: escaped in the
// JSON string, still the edge of a passage to the leak check.
const termSep = "\u2029"

// scoreTerms scores every term of every entry with BM25+ per field, with
// the field boosts and the page-top boost folded in, so that at search
// time a term's score in an entry is a lookup. It returns the terms in the
// order of JavaScript strings (which the page's binary search relies on)
// and the encoded postings of each (appendPosting).
//
// Each core counts the terms of a run of entries into a flat list of
// (term, entry, field, count); the lists are joined in entry order and
// grouped by term with a counting sort, and each core then scores and
// encodes a share of the terms.
func scoreTerms(docs []Doc) (terms, postings []string) {
	const nf = len(fieldBoosts)
	// lengths[i][f] is the length of field f of entry i: its distinct
	// tokens, one more when the split gives an empty token.
	lengths := make([][nf]float64, len(docs))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(docs)/64))
	runs := make([]termRun, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runs[w].count(docs, w*len(docs)/workers, (w+1)*len(docs)/workers, lengths)
		}()
	}
	wg.Wait()

	// Global term numbers, and each run's terms in them.
	ids := map[string]int32{}
	local := make([][]int32, workers)
	for w := range runs {
		local[w] = make([]int32, len(runs[w].terms))
		for k, t := range runs[w].terms {
			id, ok := ids[t]
			if !ok {
				id = int32(len(terms))
				ids[t] = id
				terms = append(terms, t)
			}
			local[w][k] = id
		}
	}
	// Group the occurrences by term, keeping entry order within a term.
	start := make([]int32, len(terms)+1)
	df := make([][nf]float64, len(terms))
	for w := range runs {
		for _, o := range runs[w].occs {
			id := local[w][o.term]
			start[id+1]++
			df[id][o.field]++
		}
	}
	for i := range terms {
		start[i+1] += start[i]
	}
	grouped := make([]occurrence, start[len(terms)])
	next := append([]int32(nil), start[:len(terms)]...)
	for w := range runs {
		for _, o := range runs[w].occs {
			id := local[w][o.term]
			grouped[next[id]] = o
			next[id]++
		}
		runs[w] = termRun{}
	}

	var total [nf]float64
	for i := range lengths {
		for f := range total {
			total[f] += lengths[i][f]
		}
	}
	var avg [nf]float64
	for f := range avg {
		avg[f] = total[f] / float64(max(1, len(docs)))
	}
	titleTerms := make([]string, len(docs))
	for i, d := range docs {
		if d.Heading == "" {
			titleTerms[i] = wholeTerm(d.Title)
		}
	}

	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	sortUTF16(terms, order)
	postings = make([]string, len(terms))
	n := float64(len(docs))
	const share = 256 // terms a core takes at a time
	eachIndex((len(terms)+share-1)/share, func(k int) {
		var idf [nf]float64
		var enc []byte
		for j := k * share; j < min(len(terms), (k+1)*share); j++ {
			id := order[j]
			t := terms[id]
			for f := range idf {
				idf[f] = math.Log(1 + (n-df[id][f]+0.5)/(df[id][f]+0.5))
			}
			list := grouped[start[id]:start[id+1]]
			enc = enc[:0]
			last := int32(0)
			for a := 0; a < len(list); {
				// The fields of one entry are together: their scores add up.
				doc := list[a].doc
				score, notTitle := 0.0, false
				for ; a < len(list) && list[a].doc == doc; a++ {
					e := list[a]
					tf := float64(e.n)
					s := idf[e.field] * (bm25D + tf*(bm25K+1)/(tf+bm25K*(1-bm25B+bm25B*lengths[doc][e.field]/avg[e.field])))
					s *= fieldBoosts[e.field]
					if docs[doc].Heading == "" {
						if titleTerms[doc] == t {
							s *= titleTermBoost
						} else {
							s *= topBoost
						}
					}
					score += s
					notTitle = notTitle || int(e.field) != titleField
				}
				enc = appendPosting(enc, uint32(doc-last), score, notTitle)
				last = doc
			}
			postings[j] = string(enc)
		}
	})
	sorted := make([]string, len(terms))
	for j, id := range order {
		sorted[j] = terms[id]
	}
	return sorted, postings
}

// occurrence is a term in one field of one entry, n times.
type occurrence struct {
	term  int32 // the run's number for it, then (grouped) unused
	doc   int32
	n     uint32
	field uint8
}

// termRun is what one core counted in a run of entries: the terms it met,
// numbered in meeting order, and their occurrences in entry order, then
// field order.
type termRun struct {
	terms []string
	occs  []occurrence
}

// count reads the fields of docs[lo:hi], writing their lengths.
func (r *termRun) count(docs []Doc, lo, hi int, lengths [][len(fieldBoosts)]float64) {
	const nf = len(fieldBoosts)
	ids := map[string]int32{}
	// The terms of each token are worked out once: a token is met many
	// times over.
	type token struct {
		mark       int32 // the field it was last met in
		first, end int32 // its terms: termsOf[first:end]
	}
	known := map[string]*token{}
	var termsOf, field []int32
	// Per term: the field it was last counted in, and its count there.
	var countedIn, counts []int32
	var buf []string
	for i := lo; i < hi; i++ {
		d := &docs[i]
		for f, text := range [nf]string{d.Title, d.Heading, d.Symptoms, d.Summary, d.Text} {
			mark := int32(i*nf + f + 1)
			distinct := 0
			field = field[:0]
			empty := eachToken(text, func(tok string) {
				k := known[tok]
				if k == nil {
					k = &token{first: int32(len(termsOf))}
					buf = tokenTerms(buf[:0], tok)
					for _, t := range buf {
						id, ok := ids[t]
						if !ok {
							id = int32(len(r.terms))
							ids[t] = id
							r.terms = append(r.terms, t)
							countedIn, counts = append(countedIn, 0), append(counts, 0)
						}
						termsOf = append(termsOf, id)
					}
					k.end = int32(len(termsOf))
					known[tok] = k
				}
				if k.mark != mark {
					k.mark = mark
					distinct++
				}
				for _, id := range termsOf[k.first:k.end] {
					if countedIn[id] != mark {
						countedIn[id], counts[id] = mark, 0
						field = append(field, id)
					}
					counts[id]++
				}
			})
			lengths[i][f] = float64(distinct)
			if empty {
				lengths[i][f]++
			}
			// A term occurs once per field: the order they are listed in
			// does not change any term's list.
			for _, id := range field {
				r.occs = append(r.occs, occurrence{term: id, doc: int32(i), n: uint32(counts[id]), field: uint8(f)})
			}
		}
	}
}

// sortUTF16 sorts order, indexes into terms, in the order of JavaScript
// strings (lessUTF16). That is byte order unless a term has a character
// from U+E000 up.
func sortUTF16(terms []string, order []int32) {
	compare := strings.Compare
	for _, t := range terms {
		if strings.IndexFunc(t, func(r rune) bool { return r >= 0xE000 }) >= 0 {
			compare = func(a, b string) int {
				switch {
				case lessUTF16(a, b):
					return -1
				case lessUTF16(b, a):
					return 1
				}
				return 0
			}
			break
		}
	}
	slices.SortFunc(order, func(a, b int32) int { return compare(terms[a], terms[b]) })
}

// The alphabet of encoded postings (base64url: no escaping in a string).
const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// Scores are kept as the log of the score in steps of 1/scoreSteps from
// e^-scoreFloor: 0.2% apart, ordered as the scores are.
const scoreSteps, scoreFloor = 256, 20

// appendPosting appends one posting as text: the gap to the entry
// before as a varint (five bits a character, the sixth says more follow),
// then three characters for the score and the not-title flag.
func appendPosting(b []byte, gap uint32, score float64, notTitle bool) []byte {
	b = appendVarint(b, gap)
	q := math.Round((math.Log(max(score, 1e-300)) + scoreFloor) * scoreSteps)
	v := uint32(min(max(q, 0), 1<<17-1)) << 1
	if notTitle {
		v |= 1
	}
	return append(b, b64[v>>12&63], b64[v>>6&63], b64[v&63])
}

// appendVarint appends v in base64url, five bits a character, the sixth
// saying more follow (readVarint in engine.js).
func appendVarint(b []byte, v uint32) []byte {
	for v >= 32 {
		b = append(b, b64[32|v&31])
		v >>= 5
	}
	return append(b, b64[v])
}

// lessUTF16 orders strings as JavaScript does, by UTF-16 code units: a
// character beyond U+FFFF sorts by its leading surrogate (U+D800–U+DBFF),
// before U+E000–U+FFFF.
func lessUTF16(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return utf16Lead(ra) < utf16Lead(rb) || (utf16Lead(ra) == utf16Lead(rb) && ra < rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) < len(b)
}

func utf16Lead(r rune) rune {
	if r >= 0x10000 {
		return 0xD800 + (r-0x10000)>>10
	}
	return r
}
