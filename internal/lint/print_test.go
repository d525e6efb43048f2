package lint

import (
	"bytes"
	"testing"
)

// A report prints as irp check and irp build show it: a finding a line,
// and the raw-HTML note once, only when some page carries raw HTML.
func TestReportWrite(t *testing.T) {
	tests := []struct {
		name                   string
		rep                    Report
		wantFindings, wantNote string
	}{
		{"empty", Report{}, "", ""},
		{
			name: "findings and raw HTML",
			rep: Report{
				Findings: []Finding{{"content/a.md", 3, `link "b.md": no such page`}, {"content/c.md", 0, "no title"}},
				RawHTML:  []string{"content/a.md"},
			},
			wantFindings: "content/a.md:3: link \"b.md\": no such page\ncontent/c.md: no title\n",
			wantNote:     "note: 1 page carries raw HTML, which the site renders as written: content/a.md\n",
		},
	}
	for _, tt := range tests {
		var f, n bytes.Buffer
		tt.rep.WriteFindings(&f)
		tt.rep.WriteNote(&n)
		if f.String() != tt.wantFindings || n.String() != tt.wantNote {
			t.Errorf("%s: findings %q, note %q; want %q, %q", tt.name, f.String(), n.String(), tt.wantFindings, tt.wantNote)
		}
	}
}
