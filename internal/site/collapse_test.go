package site

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// collapseRunes is collapse as first written, rune by rune: the reference
// the faster one is held to.
func collapseRunes(s string) string {
	var b strings.Builder
	space, block := false, false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			space = true
			continue
		case blockSep:
			space, block = true, true
			continue
		}
		if space && b.Len() > 0 {
			if block {
				b.WriteRune(blockSep)
			} else {
				b.WriteByte(' ')
			}
		}
		space, block = false, false
		b.WriteRune(r)
	}
	return b.String()
}

func FuzzCollapse(f *testing.F) {
	for _, s := range []string{"", "  a  b ", "x\u2029 \ny", "\u00a0é\tü ", "a\xffb \xfe", "日本\u2029\u2029語 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapse([]byte(s)), collapseRunes(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	})
}

// splitSectionsRef is splitSections as first written, on every tag name
// and attribute the tokenizer gives: the reference the faster one is held
// to.
func splitSectionsRef(content string) []section {
	z := html.NewTokenizer(strings.NewReader(content))
	parts := []section{{}}
	var (
		text      strings.Builder
		head      strings.Builder
		inHeading atom.Atom // h2/h3 being read
		skip      int       // depth inside script/style/aria-hidden
		skipTag   []atom.Atom
	)
	flush := func() {
		parts[len(parts)-1].text = collapseRunes(text.String())
		text.Reset()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return parts
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if inHeading != 0 {
				head.Write(z.Text())
			} else {
				text.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			var id string
			hidden := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "id":
					id = string(v)
				case "aria-hidden":
					hidden = string(v) == "true"
				}
			}
			if skip > 0 || hidden || skipped(a) {
				if tt == html.StartTagToken && !void(a) {
					skip++
					skipTag = append(skipTag, a)
				}
				continue
			}
			if (a == atom.H2 || a == atom.H3) && id != "" && tt == html.StartTagToken {
				flush()
				parts = append(parts, section{id: id})
				inHeading = a
				head.Reset()
				continue
			}
			if blockish(a) {
				if inHeading != 0 {
					head.WriteByte(' ')
				} else {
					text.WriteRune(separator(a))
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skip > 0 {
				if skipTag[len(skipTag)-1] == a {
					skip--
					skipTag = skipTag[:len(skipTag)-1]
				}
				continue
			}
			if inHeading != 0 && a == inHeading {
				parts[len(parts)-1].heading = collapseRunes(head.String())
				inHeading = 0
				continue
			}
			if blockish(a) {
				text.WriteRune(separator(a))
			}
		}
	}
}

func FuzzSplitSections(f *testing.F) {
	for _, s := range []string{
		`<p>Intro <em>text</em><script>x()</script><button>Copy</button></p><h2 id="a">A <a class="anchor" aria-hidden="true" href="#a"><img aria-hidden="true" src="x.svg">#</a></h2><p>one</p>`,
		`<H2 ID="x" Aria-Hidden="false">Up</H2><DIV aria-hidden=true><p>gone</div>kept<h3 id=b>B</h3><pre><code><span class="k">ls</span> -l</code></pre>`,
		`<h2 id="a" id="b">dup</h2><span title="aria-hidden">t</span><h3 id="">empty</h3>&amp;&lt;&#233;<br/>x`,
		`<svg><h2 id="in">no</h2></svg><style>p{}</style><textarea><h2 id="t">raw</h2></textarea>`,
		"<h2\tid=q>tab</h2 ><p\x00>nul</p>\xff<\x00>caf\xc3\xa9 \u2029 end",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := splitSections(s), splitSectionsRef(s)
		if len(got) != len(want) {
			t.Fatalf("splitSections(%q) = %+v, want %+v", s, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("splitSections(%q)[%d] = %+v, want %+v", s, i, got[i], want[i])
			}
		}
	})
}
