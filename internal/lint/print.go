package lint

import (
	"fmt"
	"io"
)

// WriteFindings writes the findings to w, one a line: file:line: message.
func (r *Report) WriteFindings(w io.Writer) {
	for _, f := range r.Findings {
		fmt.Fprintln(w, f)
	}
}

// WriteNote writes "note: " and RawHTMLNote to w as one line, when some
// page carries raw HTML (README, "Raw HTML").
func (r *Report) WriteNote(w io.Writer) {
	if note := r.RawHTMLNote(); note != "" {
		fmt.Fprintln(w, "note: "+note)
	}
}
