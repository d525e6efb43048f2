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
		// as Hugo renders a page: a heading with its anchor link, a
		// highlighted code block with a copy button, a table, a script
		`<p>Intro &amp; more&#39;s</p>
<h2 id="reading-the-output">Reading the output <a class="anchor" href="#reading-the-output" aria-hidden="true"><svg viewBox="0 0 16 16"><path d="M0 0h1"/></svg></a></h2>
<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-sh" data-lang="sh"><span class="line"><span class="cl">prstat -mLc <span class="m">1</span>
</span></span></code></pre><button type="button" class=copy aria-label='Copy'>Copy</button></div>
<table><thead><tr><th style="text-align:left">col</th></tr></thead><tbody><tr><td>v&lt;1</td></tr></tbody></table>
<script>if (a < b) { x = "</scriptx>"; }</script><STYLE type=text/css>p > a {}</style ><h3 id=x-1 ID=dup aria-hidden="false">Deep <code>x</code></h3><br/><img src=a/>`,
		`<h2 id="a" =x b= 'y' c = d/>z</h2><p/ >w</p><noscript><h2 id="n">gone</h2></noscript>t`,
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

// FuzzScanSections writes HTML as Hugo's pages hold it — tags from a list
// with attributes quoted, unquoted and repeated, text with entities —
// from the fuzzer's bytes, so that the fast scanner reads most inputs,
// and holds it to the tokenizer's reading.
func FuzzScanSections(f *testing.F) {
	f.Add([]byte{1, 0, 0, 5, 2, 0, 0, 1, 3, 1, 4, 2, 3})
	f.Add([]byte{1, 6, 2, 0, 9, 2, 6, 1, 1, 1, 0, 8, 2, 1})
	tags := []string{"h2", "h3", "p", "div", "span", "svg", "script", "style", "noscript", "pre", "code", "a", "button", "br", "img", "H2", "td"}
	attrs := []string{` id="s1"`, ` ID=s2`, ` id='s3'`, ` aria-hidden="true"`, ` aria-hidden=false`, ` class="c"`, ` =z`, ` d/`, ` e = f/`, ` id=""`, "\tid = \"s4\"", ` aria-hidden="true" aria-hidden="false"`}
	words := []string{"alpha", "b&amp;c", "d&lt;e", " ", "\n", "ünï", "&#233;", "x\u2029y", "&amp"}
	f.Fuzz(func(t *testing.T, data []byte) {
		var b strings.Builder
		for i := 0; i+1 < len(data); i += 2 {
			op, arg := data[i]%4, int(data[i+1])
			switch op {
			case 0:
				b.WriteString(words[arg%len(words)])
			case 1, 3:
				b.WriteString("<" + tags[arg%len(tags)])
				for k := 0; k < arg%3; k++ {
					b.WriteString(attrs[(arg/3+k)%len(attrs)])
				}
				if op == 3 {
					b.WriteString("/")
				}
				b.WriteString(">")
			case 2:
				b.WriteString("</" + tags[arg%len(tags)] + ">")
			}
		}
		s := b.String()
		got, ok := scanSections(s)
		if !ok {
			return
		}
		want := splitSectionsRef(s)
		if len(got) != len(want) {
			t.Fatalf("scanSections(%q) = %+v, want %+v", s, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("scanSections(%q)[%d] = %+v, want %+v", s, i, got[i], want[i])
			}
		}
	})
}
