package site

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The search terms of a text. The theme's search (assets/js/search/terms.js)
// applies the same rules to a query: change both together.
//
// Tokens keep letters, digits and the joiners . - _ together, so that tool
// names like manta-adm and moraystat.d survive as one token; a joined
// token is indexed whole and by each of its parts.

// stopWords are too common to search for.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an and are as at be by can do does for from has have how i if in into is it its
		my of on or our so than that the their then there these this to was we what when where which
		who why will with you your`) {
		m[w] = true
	}
	return m
}()

func isJoiner(r rune) bool { return r == '.' || r == '-' || r == '_' }

func inToken(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || isJoiner(r) }

// eachToken calls f with each token of text: the runs of inToken
// characters. empty reports whether the split also gives an empty token
// (text empty, or starting or ending outside a token): the browser's
// split does, and it counts in a field's length.
func eachToken(text string, f func(tok string)) (empty bool) {
	if text == "" {
		return true
	}
	start := -1          // of the token being read
	var first, last bool // whether the first and last character are in a token
	for i := 0; i < len(text); {
		c := text[i]
		var in bool
		n := 1
		if c < utf8.RuneSelf {
			in = asciiToken[c]
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(text[i:])
			in = inToken(r)
		}
		if i == 0 {
			first = in
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			f(text[start:i])
			start = -1
		}
		last = in
		i += n
	}
	if start >= 0 {
		f(text[start:])
	}
	return !first || !last
}

// asciiToken is inToken for the ASCII characters.
var asciiToken = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = inToken(rune(c))
	}
	return t
}()

// loneLetter reports whether t is a single letter.
func loneLetter(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	return n == len(t) && unicode.IsLetter(r)
}

// wholeTerm is a token lowercased without joiners at its ends; "" for a
// stop word or a lone letter.
func wholeTerm(tok string) string {
	t := strings.TrimFunc(strings.ToLower(tok), isJoiner)
	if t == "" || stopWords[t] || loneLetter(t) {
		return ""
	}
	return t
}

// tokenTerms appends to dst the terms of a token: the whole token and,
// when it is joined, its parts.
func tokenTerms(dst []string, tok string) []string {
	t := wholeTerm(tok)
	if t == "" {
		return dst
	}
	dst = append(dst, t)
	if strings.IndexFunc(t, isJoiner) < 0 {
		return dst
	}
	for _, p := range strings.FieldsFunc(t, isJoiner) {
		if !stopWords[p] && !loneLetter(p) {
			dst = append(dst, p)
		}
	}
	return dst
}
