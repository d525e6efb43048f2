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

// tokens splits text into its tokens. empty reports whether the split
// also gives an empty token (text empty, or starting or ending outside a
// token): the browser's split does, and it counts in a field's length.
func tokens(text string) (toks []string, empty bool) {
	toks = strings.FieldsFunc(text, func(r rune) bool { return !inToken(r) })
	if text == "" {
		return nil, true
	}
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	return toks, !inToken(first) || !inToken(last)
}

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
