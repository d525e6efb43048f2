package lint

import (
	"bytes"
	"path"
	"regexp"
	"sync"

	"github.com/yuin/goldmark/ast"

	"irp/internal/doc"
)

// rawHTML calls f with each piece of raw HTML in a page's Markdown (an HTML
// block, or an inline tag) that is not a comment.
func rawHTML(d *doc.Doc, f func(b []byte)) {
	body := d.Body
	_ = ast.Walk(d.AST(), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var b []byte
		switch h := n.(type) {
		case *ast.HTMLBlock:
			if h.HTMLBlockType == ast.HTMLBlockType2 { // <!-- … -->
				return ast.WalkSkipChildren, nil
			}
			for i := range h.Lines().Len() {
				seg := h.Lines().At(i)
				b = append(b, seg.Value(body)...)
			}
			if h.HasClosure() {
				b = append(b, h.ClosureLine.Value(body)...)
			}
		case *ast.RawHTML:
			for i := range h.Segments.Len() {
				seg := h.Segments.At(i)
				b = append(b, seg.Value(body)...)
			}
			if bytes.HasPrefix(b, []byte("<!--")) {
				return ast.WalkSkipChildren, nil
			}
		default:
			return ast.WalkContinue, nil
		}
		f(b)
		return ast.WalkSkipChildren, nil
	})
}

func hasRawHTML(d *doc.Doc) bool {
	found := false
	rawHTML(d, func([]byte) { found = true })
	return found
}

// anchorAttr is an anchor in raw HTML: <a name="x">, or any tag's id="x".
var anchorAttr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)<a\s[^>]*?\bname\s*=\s*["']?([^"'\s/>]+)|<[a-z][a-z0-9]*\s[^>]*?\bid\s*=\s*["']?([^"'\s/>]+)`)
})

// htmlAnchors are the anchors a page's raw HTML sets.
func htmlAnchors(d *doc.Doc) map[string]bool {
	ids := map[string]bool{}
	rawHTML(d, func(b []byte) {
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
