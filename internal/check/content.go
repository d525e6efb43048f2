package check

import (
	"fmt"

	"irp/internal/lint"
)

// contentStep lints content/: links, anchors, cheat-sheets, titles, front
// matter. Pages with raw HTML get one note on ErrOut.
func contentStep(r *run) error {
	rep, err := lint.Check(r.Project)
	if err != nil {
		return err
	}
	rep.WriteFindings(r.Out)
	r.findings += len(rep.Findings)
	rep.WriteNote(r.ErrOut)
	r.ok = append(r.ok, fmt.Sprintf("%d pages, %d cheat-sheets", rep.Pages, rep.CheatSheets))
	return nil
}
