package lint

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"

	"irp/internal/doc"
)

// rawHTML calls f with each piece of raw HTML in a page's Markdown (an HTML
// block, or an inline tag) that is not a comment, and the line of the file
// it starts on.
func rawHTML(d *doc.Doc, f func(b []byte, line int)) {
	body := d.Body
	_ = ast.Walk(d.AST(), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var b []byte
		start := -1
		switch h := n.(type) {
		case *ast.HTMLBlock:
			if h.HTMLBlockType == ast.HTMLBlockType2 { // <!-- … -->
				return ast.WalkSkipChildren, nil
			}
			for i := range h.Lines().Len() {
				seg := h.Lines().At(i)
				if i == 0 {
					start = seg.Start
				}
				b = append(b, seg.Value(body)...)
			}
			if h.HasClosure() {
				b = append(b, h.ClosureLine.Value(body)...)
			}
		case *ast.RawHTML:
			for i := range h.Segments.Len() {
				seg := h.Segments.At(i)
				if i == 0 {
					start = seg.Start
				}
				b = append(b, seg.Value(body)...)
			}
			if bytes.HasPrefix(b, []byte("<!--")) {
				return ast.WalkSkipChildren, nil
			}
		default:
			return ast.WalkContinue, nil
		}
		f(b, d.BodyLine+bytes.Count(body[:max(start, 0)], []byte("\n")))
		return ast.WalkSkipChildren, nil
	})
}

func hasRawHTML(d *doc.Doc) bool {
	found := false
	rawHTML(d, func([]byte, int) { found = true })
	return found
}

// anchorAttr is an anchor in raw HTML: <a name="x">, or any tag's id="x".
var anchorAttr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)<a\s[^>]*?\bname\s*=\s*["']?([^"'\s/>]+)|<[a-z][a-z0-9]*\s[^>]*?\bid\s*=\s*["']?([^"'\s/>]+)`)
})

// htmlAnchors are the anchors a page's raw HTML sets.
func htmlAnchors(d *doc.Doc) map[string]bool {
	ids := map[string]bool{}
	rawHTML(d, func(b []byte, _ int) {
		for _, m := range anchorAttr().FindAllSubmatch(b, -1) {
			ids[string(m[1])+string(m[2])] = true
		}
	})
	return ids
}

// resource reports whether a Markdown file is a page resource rather
// than a page: a file other than index.md inside a leaf bundle (a
// directory with an index.md, or one below it).
func resource(name string, pages map[string]*page) bool {
	if path.Base(name) == "index.md" {
		name = path.Dir(name)
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if _, ok := pages[dir+"/index.md"]; ok {
			return true
		}
	}
	return false
}

// remoteLoad is raw HTML that makes the browser fetch something from the
// network as the page loads: a src, srcset, poster or data attribute, or
// a <link> href, with an absolute URL; and tags that run or embed
// another page.
var remoteLoad = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:src|srcset|poster|data)\s*=\s*["']?((?:https?:)?//[^"'\s>]+)|<link\s[^>]*?\bhref\s*=\s*["']?((?:https?:)?//[^"'\s>]+)|<(script|iframe|object|embed)\b`)
})

// remoteHTML reports raw HTML that would make the page load something
// from the network or run a script: the site makes no external requests
// and runs only the theme's scripts.
func (c *checker) remoteHTML(pg *page) {
	rawHTML(pg.doc, func(b []byte, line int) {
		for _, m := range remoteLoad().FindAllSubmatch(b, -1) {
			switch {
			case len(m[3]) > 0:
				pg.add(c.prefix, line, "raw HTML <%s>: pages run and embed nothing but the theme; link to it instead", strings.ToLower(string(m[3])))
			default:
				url := string(m[1]) + string(m[2])
				pg.add(c.prefix, line, "raw HTML loads %s from the network; the site makes no external requests: save it under static/ and point at it there, or link to it", url)
			}
		}
	})
}
