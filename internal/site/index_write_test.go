package site

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// benchDocs are n index entries of about 1 KB of text each, from a
// Zipf-distributed vocabulary.
func benchDocs(n int) []Doc {
	r := rand.New(rand.NewPCG(3, 4))
	vocab := make([]string, 20000)
	for i := range vocab {
		vocab[i] = "w" + strconv.Itoa(i) + []string{"", "-x", ".d", "_y"}[r.IntN(4)]
	}
	zipf := rand.NewZipf(r, 1.07, 1, uint64(len(vocab)-1))
	words := func(k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(out, " ")
	}
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = Doc{ID: i, Title: "page-" + strconv.Itoa(i/10), URL: "tools/p" + strconv.Itoa(i/10) + "/", Section: "tools", Text: words(170)}
		if i%10 == 0 {
			docs[i].Summary, docs[i].Symptoms = words(10), words(3)+"; "+words(3)
		} else {
			docs[i].Heading = words(3)
			docs[i].URL += "#s" + strconv.Itoa(i%10)
		}
	}
	return docs
}

func BenchmarkBuildIndex(b *testing.B) {
	docs := benchDocs(10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := buildIndex(docs); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLessUTF16(t *testing.T) {
	for _, c := range []struct {
		a, b string
		less bool
	}{
		{"a", "b", true},
		{"ab", "a", false},
		{"a", "ab", true},
		{"\U0001F600", "\uFFFD", true}, // a surrogate pair sorts before U+E000–U+FFFF
		{"\uD7FF", "\U0001F600", true},
		{"\U0001F600", "\U0001F601", true},
	} {
		if got := lessUTF16(c.a, c.b); got != c.less {
			t.Errorf("lessUTF16(%q, %q) = %v, want %v", c.a, c.b, got, c.less)
		}
	}
}

func TestTokenTerms(t *testing.T) {
	for _, c := range []struct{ tok, want string }{
		{"manta-adm", "manta-adm manta adm"},
		{"moraystat.d", "moraystat.d moraystat"},
		{"-Foo-", "foo"},
		{"the", ""},
		{"x", ""},
		{"a.b", "a.b"},
		{"42", "42"},
	} {
		if got := strings.Join(tokenTerms(nil, c.tok), " "); got != c.want {
			t.Errorf("tokenTerms(%q) = %q, want %q", c.tok, got, c.want)
		}
	}
	var toks []string
	empty := eachToken("(one two) three", func(tok string) { toks = append(toks, tok) })
	if strings.Join(toks, "|") != "one|two|three" || !empty {
		t.Errorf("tokens = %q, %v", toks, empty)
	}
}
