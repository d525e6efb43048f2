package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
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

// manifest is search-index.js.
type manifest struct {
	Version int    `json:"v"`
	Build   string `json:"build"` // changes with any part: added to part URLs so no stale copy is used
	Dir     string `json:"dir"`
	Chunk   int    `json:"chunk"`
	// Pages: title, URL, section, Manta versions of each page.
	Pages [][4]string `json:"pages"`
	// Per entry: its page, its heading ("" at the top), its anchor.
	Page    []int    `json:"page"`
	Heading []string `json:"heading"`
	Anchor  []string `json:"anchor"`
	// Terms by key (their first two characters): the postings part and
	// the terms, sorted, separated by termSep.
	Terms map[string]termGroup `json:"terms"`
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
// the number of entries indexed.
func buildIndex(all []Doc) (files []indexFile, n int, err error) {
	docs := all[:0:0]
	for _, d := range all {
		if !searchPage.MatchString(d.URL) {
			docs = append(docs, d)
		}
	}
	m := manifest{Version: 1, Dir: DataDir, Chunk: textChunk, Terms: map[string]termGroup{},
		Page: make([]int, len(docs)), Heading: make([]string, len(docs)), Anchor: make([]string, len(docs))}
	pageOf := map[string]int{}
	for i, d := range docs {
		url, anchor, _ := strings.Cut(d.URL, "#")
		p, ok := pageOf[url]
		if !ok {
			p = len(m.Pages)
			pageOf[url] = p
			m.Pages = append(m.Pages, [4]string{d.Title, url, d.Section, d.Manta})
		}
		m.Page[i], m.Heading[i], m.Anchor[i] = p, d.Heading, anchor
	}

	for k := 0; k*textChunk < len(docs); k++ {
		chunk := docs[k*textChunk : min(len(docs), (k+1)*textChunk)]
		rows := make([][]string, len(chunk))
		for i, d := range chunk {
			rows[i] = []string{d.Text}
			if d.Summary != "" || d.Symptoms != "" {
				rows[i] = append(rows[i], d.Summary, d.Symptoms)
			}
		}
		f, err := partFile("x"+strconv.Itoa(k), rows)
		if err != nil {
			return nil, 0, err
		}
		files = append(files, f)
	}

	postings := scoreTerms(docs)
	terms := make([]string, 0, len(postings))
	for t := range postings {
		terms = append(terms, t)
	}
	// In the order of JavaScript strings (UTF-16), which the page's
	// binary search relies on.
	sort.Slice(terms, func(a, b int) bool { return lessUTF16(terms[a], terms[b]) })
	// Terms in order share a key with their neighbours; a part takes
	// whole keys until it is big enough.
	part := map[string][]string{}
	var size int
	var lines []string
	flush := func() error {
		if len(part) == 0 {
			return nil
		}
		f, err := partFile("t"+strconv.Itoa(len(files)), part)
		if err != nil {
			return err
		}
		files = append(files, f)
		part, size = map[string][]string{}, 0
		return nil
	}
	for i := 0; i < len(terms); {
		key := termKey(terms[i])
		j := i
		for j < len(terms) && termKey(terms[j]) == key {
			j++
		}
		if size >= postingPart {
			if err := flush(); err != nil {
				return nil, 0, err
			}
		}
		enc := make([]string, 0, j-i)
		lines = lines[:0]
		for _, t := range terms[i:j] {
			e := encodePostings(postings[t])
			delete(postings, t) // encoded: let it go
			size += len(e) + len(t) + 4
			enc = append(enc, e)
			lines = append(lines, t)
		}
		part[key] = enc
		m.Terms[key] = termGroup{Part: len(files), Terms: strings.Join(lines, termSep)}
		i = j
	}
	if err := flush(); err != nil {
		return nil, 0, err
	}

	h := fnv.New64a()
	for _, f := range files {
		h.Write(f.data)
	}
	body, err := marshalJS(m)
	if err != nil {
		return nil, 0, err
	}
	h.Write(body)
	m.Build = strconv.FormatUint(h.Sum64(), 36)
	body, err = marshalJS(m)
	if err != nil {
		return nil, 0, err
	}
	var buf bytes.Buffer
	buf.WriteString("window.IRP_SEARCH_INDEX = ")
	buf.Write(body)
	buf.WriteString(";\n")
	return append(files, indexFile{IndexFile, buf.Bytes()}), len(docs), nil
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

// partFile is the script that sets IRP_SEARCH_PARTS[name] to v.
func partFile(name string, v any) (indexFile, error) {
	body, err := marshalJS(v)
	if err != nil {
		return indexFile{}, err
	}
	var buf bytes.Buffer
	buf.Grow(len(body) + 80)
	fmt.Fprintf(&buf, "(window.IRP_SEARCH_PARTS||(window.IRP_SEARCH_PARTS={}))[%q]=", name)
	buf.Write(body)
	buf.WriteString(";\n")
	return indexFile{path.Join(DataDir, name+".js"), buf.Bytes()}, nil
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
// the field boosts and the page-top boost folded in: at search time a
// term's score in an entry is a lookup. Entries are read in parallel; the
// postings come out in entry order.
func scoreTerms(docs []Doc) map[string][]posting {
	const nf = len(fieldBoosts)
	// fieldTerms are the distinct terms of one field of one entry, with
	// their counts, and the field's length (its distinct tokens).
	type fieldTerms struct {
		terms  []string
		counts []float64
		length float64
	}
	perDoc := make([][nf]fieldTerms, len(docs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []string
			counts := map[string]float64{}
			seen := map[string]bool{}
			for i := w; i < len(docs); i += workers {
				d := &docs[i]
				for f, text := range [nf]string{d.Title, d.Heading, d.Symptoms, d.Summary, d.Text} {
					toks, empty := tokens(text)
					clear(seen)
					clear(counts)
					for _, tok := range toks {
						seen[tok] = true
						buf = tokenTerms(buf[:0], tok)
						for _, t := range buf {
							counts[t]++
						}
					}
					ft := fieldTerms{length: float64(len(seen)), terms: make([]string, 0, len(counts)), counts: make([]float64, 0, len(counts))}
					if empty {
						ft.length++
					}
					for t, c := range counts {
						ft.terms = append(ft.terms, t)
						ft.counts = append(ft.counts, c)
					}
					perDoc[i][f] = ft
				}
			}
		}()
	}
	wg.Wait()

	type tf struct {
		doc   int32
		field uint8
		n     float64
	}
	type termData struct {
		list []tf
		df   [nf]float64
	}
	freqs := map[string]*termData{}
	var total [nf]float64
	for i := range perDoc {
		for f := range perDoc[i] {
			ft := &perDoc[i][f]
			total[f] += ft.length
			for k, t := range ft.terms {
				td := freqs[t]
				if td == nil {
					td = &termData{}
					freqs[t] = td
				}
				td.list = append(td.list, tf{int32(i), uint8(f), ft.counts[k]})
				td.df[f]++
			}
			ft.terms, ft.counts = nil, nil // only the length is read from here on
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
	n := float64(len(docs))
	var idf [nf]float64
	out := make(map[string][]posting, len(freqs))
	for t, td := range freqs {
		for f := range idf {
			idf[f] = math.Log(1 + (n-td.df[f]+0.5)/(td.df[f]+0.5))
		}
		ps := make([]posting, 0, len(td.list))
		for _, e := range td.list {
			length := perDoc[e.doc][e.field].length
			s := idf[e.field] * (bm25D + e.n*(bm25K+1)/(e.n+bm25K*(1-bm25B+bm25B*length/avg[e.field])))
			s *= fieldBoosts[e.field]
			if docs[e.doc].Heading == "" {
				if titleTerms[e.doc] == t {
					s *= titleTermBoost
				} else {
					s *= topBoost
				}
			}
			// The list is in entry order: an entry's fields are together.
			if k := len(ps) - 1; k >= 0 && ps[k].doc == e.doc {
				ps[k].score += s
				ps[k].notTitle = ps[k].notTitle || int(e.field) != titleField
				continue
			}
			ps = append(ps, posting{doc: e.doc, score: s, notTitle: int(e.field) != titleField})
		}
		td.list = nil
		out[t] = ps
	}
	return out
}

// The alphabet of encoded postings (base64url: no escaping in a string).
const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// Scores are kept as the log of the score in steps of 1/scoreSteps from
// e^-scoreFloor: 0.2% apart, ordered as the scores are.
const scoreSteps, scoreFloor = 256, 20

// encodePostings writes postings as text, per entry: the gap to the last
// entry as a varint (five bits a character, the sixth says more follow),
// then three characters for the score and the not-title flag.
func encodePostings(ps []posting) string {
	var b strings.Builder
	b.Grow(len(ps) * 5)
	last := int32(0)
	for _, p := range ps {
		gap := uint32(p.doc - last)
		last = p.doc
		for gap >= 32 {
			b.WriteByte(b64[32|gap&31])
			gap >>= 5
		}
		b.WriteByte(b64[gap])
		q := math.Round((math.Log(max(p.score, 1e-300)) + scoreFloor) * scoreSteps)
		v := uint32(min(max(q, 0), 1<<17-1)) << 1
		if p.notTitle {
			v |= 1
		}
		b.WriteByte(b64[v>>12&63])
		b.WriteByte(b64[v>>6&63])
		b.WriteByte(b64[v&63])
	}
	return b.String()
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
