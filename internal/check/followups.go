package check

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"irp/internal/doc"
	"irp/internal/followup"
)

// followupsStep reads the [[followups]] of every session summary: an entry
// that breaks the rules is a finding, an open one past its due date a
// warning that does not fail the check.
func followupsStep(r *run) error {
	dir := filepath.Join(r.Project.Content(), "sessions")
	pages, _ := filepath.Glob(filepath.Join(dir, "*", "index.md"))
	open, late := 0, 0
	now := r.Now()
	for _, path := range pages {
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel := r.Project.Rel(path)
		d, err := doc.ParseFrontMatter(rel, src)
		if err != nil {
			continue // the content step reports it
		}
		items, probs := followup.Read(src, d)
		for _, p := range probs {
			r.finding(fmt.Sprintf("%s:%d: %v", rel, p.Line, p))
		}
		for _, it := range items {
			if it.Status != followup.Open {
				continue
			}
			open++
			if it.Overdue(now) {
				late++
				fmt.Fprintf(r.Out, "%s:%d: warning: follow-up %d is past due (%s, owner %s): %s\n",
					rel, it.Line, it.N, it.Due.Format(time.DateOnly), it.Owner, it.What)
			}
		}
	}
	if open > 0 {
		r.ok = append(r.ok, fmt.Sprintf("%d open follow-up%s (%d past due)", open, plural(open), late))
	}
	return nil
}
