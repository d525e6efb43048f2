package site

import (
	"fmt"
	"hash/fnv"
	"testing"
)

// TestIndexBytes holds the index files to the bytes recorded here: a
// faster writer must write the same ones (the parallel writer was held to
// the first, sequential one this way). A change to the index format changes
// them on purpose (manifest version 3: per-page and per-entry values in a
// few long strings, anchors that are their heading's slug left out):
// record the new hashes then, and say so in the commit.
func TestIndexBytes(t *testing.T) {
	for _, c := range []struct {
		name  string
		docs  []Doc
		files int
		hash  uint64
	}{
		{"none", benchDocs(0), 1, 0x204ddc98ce4f9c7f},
		{"one", benchDocs(1), 3, 0x3be4d1b701aab6ea},
		{"37", benchDocs(37), 5, 0x8f468305c6bf0e8d},
		{"3000", benchDocs(3000), 105, 0x48fa896bd3273bd2},
		{"unicode", unicodeDocs(), 9, 0xfca931374d71ddbf},
	} {
		files, n, err := buildIndex(c.docs)
		if err != nil {
			t.Fatal(err)
		}
		h := fnv.New64a()
		for _, f := range files {
			h.Write([]byte(f.name))
			h.Write(f.data)
		}
		if len(files) != c.files || n != len(c.docs) || h.Sum64() != c.hash {
			t.Errorf("%s: %d files, %d entries, hash %#016x; want %d, %d, %#016x", c.name, len(files), n, h.Sum64(), c.files, len(c.docs), c.hash)
		}
	}
}

// unicodeDocs are entries with letters beyond ASCII, a character past
// U+E000 and one beyond U+FFFF (the order of JavaScript strings), stop
// words, lone letters and joiners at a token's ends.
func unicodeDocs() []Doc {
	words := []string{"café", "naïve", "😀x", "ｆｕｌｌ", "日本語", "zoné-memstat", "Ünïcode_x", "\uE000ab", "\U0001F600", "a.b.c", "-lead", "trail.", "x", "the", "42", "ß", "İstanbul", "ǅ"}
	var docs []Doc
	for i := 0; i < 200; i++ {
		var txt string
		for j := 0; j < 12; j++ {
			txt += words[(i*7+j*3)%len(words)] + []string{" ", ", ", "(", ") ", " — "}[j%5]
		}
		d := Doc{Title: words[i%len(words)] + " page", URL: fmt.Sprintf("p%d/", i/5), Section: "tools", Text: txt}
		if i%5 == 0 {
			d.Summary, d.Symptoms = words[(i+3)%len(words)], words[(i+5)%len(words)]+"; x"
		} else {
			d.Heading = words[(i+1)%len(words)]
			d.URL += fmt.Sprintf("#h%d", i)
		}
		docs = append(docs, d)
	}
	return docs
}

// FuzzAppendJSONString holds the hand-written JSON string writer to
// encoding/json's, which the index's files were first written with.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c", "\x00\x01\b\f\n\r\t\x1f", "x\u2028y\u2029z", "caf\xc3\xa9 \xff\xfe", "<&>", "日本\U0001F600"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := marshalJS(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}
