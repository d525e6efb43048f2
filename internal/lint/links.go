package lint

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"

	"irp/internal/provenance"
)

// links checks every internal link of a page: the page it names must exist
// and so must the heading its #anchor names. Links with a scheme (https:,
// mailto:) are not checked, nor links to other files (images, downloads),
// which the site leaves as written; links in code are not links.
func (c *checker) links(pg *page) {
	body := pg.doc.Body
	root := pg.doc.AST()
	last := 0 // offset of the last thing seen, for links without text
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			last = n.Lines().At(0).Start
		}
		if t, ok := n.(*ast.Text); ok {
			last = t.Segment.Start
		}
		link, ok := n.(*ast.Link)
		if !ok {
			return ast.WalkContinue, nil
		}
		dest := string(link.Destination)
		at := last
		if off := firstText(link); off >= 0 {
			at = off
		}
		// The destination itself is the most exact place to point at.
		if i := bytes.Index(body[at:], link.Destination); i >= 0 {
			at += i
		}
		if msg := c.checkLink(pg, dest); msg != "" {
			pg.add(c.prefix, pg.doc.BodyLine+bytes.Count(body[:at], []byte("\n")), "link %q: %s", dest, msg)
		}
		return ast.WalkContinue, nil
	})
}

// checkLink returns what is wrong with a link from pg, or "".
func (c *checker) checkLink(pg *page, dest string) string {
	if dest == "" {
		return "empty link"
	}
	u, err := url.Parse(dest)
	if err != nil {
		return "not a valid link"
	}
	if u.Scheme != "" || strings.HasPrefix(dest, "//") {
		return ""
	}
	target := pg.name
	if u.Path != "" {
		if ext := path.Ext(u.Path); ext != "" && ext != ".md" {
			return ""
		}
		t, ok := c.resolve(pg.name, u.Path)
		if !ok {
			if strings.HasPrefix(u.Path, "/") {
				return "no such page in content/"
			}
			return "no such page in content/ (" + upstreamHint(pg, u) + ")"
		}
		target = t
	}
	if u.Fragment == "" {
		return ""
	}
	if target == "" {
		return "no heading with id \"" + u.Fragment + "\" on a page without a file"
	}
	tp := c.pages[target]
	if tp.doc == nil {
		return "" // its front matter is already reported
	}
	if !tp.anchors[u.Fragment] {
		if target == pg.name {
			return "no heading with id \"" + u.Fragment + "\" on this page"
		}
		return c.prefix + target + " has no heading with id \"" + u.Fragment + "\""
	}
	return ""
}

// firstText is the offset of the first text inside n, or -1.
func firstText(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

// upstreamHint says how to point a relative link at the upstream copy of
// a file that was not copied: the permalink itself when the page names a
// pinned GitHub source it was copied from, else the shape of one.
func upstreamHint(pg *page, link *url.URL) string {
	raw, _ := pg.doc.Params["sources"].([]any)
	for _, it := range raw {
		m, _ := it.(map[string]any)
		src, _ := m["url"].(string)
		u, err := url.Parse(src)
		if err != nil || provenance.Pinned(src) != "" || !strings.EqualFold(u.Host, "github.com") {
			continue
		}
		parts := strings.SplitN(strings.Trim(u.Path, "/"), "/", 5) // OWNER/REPO/blob/SHA/PATH
		if len(parts) != 5 || parts[2] != "blob" {
			continue
		}
		p := path.Join(path.Dir(parts[4]), link.Path)
		if p == ".." || strings.HasPrefix(p, "../") {
			continue
		}
		if link.Fragment != "" {
			p += "#" + link.Fragment
		}
		return "not copied? link it upstream: https://github.com/" + strings.Join(parts[:4], "/") + "/" + p
	}
	return "not copied? link its upstream permalink, https://github.com/OWNER/REPO/blob/<commit>/PATH"
}
