package doc

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Title is what the site calls the page: its front matter title, else the
// text of its first level-1 heading (as MkDocs does), which the site then
// shows as the page's title instead of in its body. heading is the index
// of that heading in Sections, or -1 when the title is from the front
// matter or the page has neither.
func (d *Doc) Title() (title string, heading int) {
	if t := strings.TrimSpace(d.String("title")); t != "" {
		return t, -1
	}
	for i, s := range d.Sections {
		if s.Level == 1 {
			if t := HeadingText(s.Title); t != "" {
				return t, i
			}
		}
	}
	return "", -1
}

// HeadingText is a heading's text without a trailing attribute block such
// as {#custom-id .class}.
func HeadingText(title string) string {
	t := strings.TrimSpace(title)
	if strings.HasSuffix(t, "}") {
		if i := strings.LastIndexByte(t, '{'); i >= 0 && !strings.ContainsAny(t[i+1:len(t)-1], "{}") {
			t = strings.TrimSpace(t[:i])
		}
	}
	return t
}

// PromoteTitle returns src as the site should read it: a page whose front
// matter has no title gets the text of its first level-1 heading as its
// title, and that heading leaves the body, so it is not shown twice. Any
// other page is returned as it is. Every line after the heading keeps its
// number (and, without front matter, every line does: the title goes
// into a one-line JSON front matter in front of the first line).
func PromoteTitle(name string, src []byte) []byte {
	if !mayPromote(src) {
		return src
	}
	d, err := Parse(name, src)
	if err != nil {
		return src // the site reports it
	}
	title, h := d.Title()
	if h < 0 {
		return src
	}
	var q bytes.Buffer
	enc := json.NewEncoder(&q)
	enc.SetEscapeHTML(false)
	if enc.Encode(title) != nil {
		return src
	}
	quoted := bytes.TrimSpace(q.Bytes())

	bom := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		bom = len("\ufeff")
	}
	// The heading's lines: one for an ATX heading, two for a setext one.
	line := d.Sections[h].Line
	start := max(lineOffset(src, line), bom)
	end := nextLine(src, start)
	if after := nextLine(src, end); end < len(src) && isSetextUnderline(src[end:after]) && !bytes.HasPrefix(bytes.TrimLeft(src[start:end], " "), []byte("#")) {
		end = after
	}
	var out bytes.Buffer
	out.Grow(len(src) + len(quoted) + 16)
	switch d.Format {
	case None:
		// {"title":…} before the first line, with no newline of its own;
		// the heading's lines stay as empty lines.
		out.Write(src[:bom])
		out.WriteString(`{"title":`)
		out.Write(quoted)
		out.WriteString(`}`)
		out.Write(src[bom:start])
		out.Write(bytes.Repeat([]byte("\n"), bytes.Count(src[start:end], []byte("\n"))))
		out.Write(src[end:])
	default:
		key := "title: "
		if d.Format == TOML {
			key = "title = "
		}
		if at, stop, ok := emptyTitleLine(src, d.BodyLine); ok {
			// An empty title line takes the title; the heading's lines
			// stay as empty lines.
			out.Write(src[:at])
			out.WriteString(key)
			out.Write(quoted)
			out.Write(src[stop:start])
			out.Write(bytes.Repeat([]byte("\n"), bytes.Count(src[start:end], []byte("\n"))))
			out.Write(src[end:])
			break
		}
		// One line more in the front matter, the heading's lines fewer.
		first := nextLine(src, bom)
		out.Write(src[:first])
		out.WriteString(key)
		out.Write(quoted)
		out.WriteString("\n")
		n := bytes.Count(src[start:end], []byte("\n"))
		if n == 0 && start > first && src[start-1] == '\n' {
			start-- // the heading ends the file: its line break goes instead
		}
		out.Write(src[first:start])
		if n > 1 {
			out.Write(bytes.Repeat([]byte("\n"), n-1))
		}
		out.Write(src[end:])
	}
	return out.Bytes()
}

// mayPromote is a quick look at src that rules out most pages before
// they are parsed: a page whose front matter sets a title, or one without
// a line that could make a level-1 heading.
func mayPromote(src []byte) bool {
	body := bytes.TrimPrefix(src, []byte("\ufeff"))
	for _, delim := range []string{"---", "+++"} {
		if !hasDelimLine(body, delim) {
			continue
		}
		rest := body[nextLine(body, 0):]
		for len(rest) > 0 {
			l := rest[:nextLine(rest, 0)]
			rest = rest[len(l):]
			if string(bytes.TrimRight(l, " \t\r\n")) == delim {
				break
			}
			if setsField(l, "title") && l[0] != ' ' && l[0] != '\t' && !emptyValue(l) {
				return false
			}
		}
		break
	}
	return bytes.HasPrefix(body, []byte("#")) || bytes.Contains(body, []byte("\n#")) ||
		bytes.Contains(body, []byte("\n=")) || bytes.Contains(body, []byte("\n #")) ||
		bytes.Contains(body, []byte("\n  #")) || bytes.Contains(body, []byte("\n   #")) ||
		bytes.Contains(body, []byte("\n =")) || bytes.Contains(body, []byte("\n  =")) || bytes.Contains(body, []byte("\n   ="))
}

// emptyValue reports whether a `title = ""` or `title:` line sets nothing.
func emptyValue(l []byte) bool {
	i := bytes.IndexAny(l, ":=")
	v := strings.TrimSpace(string(l[i+1:]))
	if j := strings.Index(v, " #"); j >= 0 {
		v = strings.TrimSpace(v[:j])
	}
	return v == "" || v == `""` || v == "''" || v == "~" || v == "null" || strings.HasPrefix(v, "#")
}

// emptyTitleLine finds the top-level front matter line of src (whose body
// starts at line bodyLine) that sets title to nothing, from its start up
// to its line break.
func emptyTitleLine(src []byte, bodyLine int) (start, stop int, ok bool) {
	off := nextLine(src, 0)
	for line := 2; line < bodyLine-1 && off < len(src); line++ {
		next := nextLine(src, off)
		l := bytes.TrimRight(src[off:next], "\r\n")
		if len(l) > 0 && l[0] != ' ' && l[0] != '\t' && setsField(l, "title") && emptyValue(l) {
			return off, off + len(l), true
		}
		off = next
	}
	return 0, 0, false
}

// lineOffset is the offset in b where line n (1-based) starts.
func lineOffset(b []byte, n int) int {
	off := 0
	for ; n > 1 && off < len(b); n-- {
		off = nextLine(b, off)
	}
	return off
}
