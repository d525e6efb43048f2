package check

import (
	"errors"
	"fmt"
	"io"
	"os"

	"irp/internal/buildproto"
	"irp/internal/engine"
)

// siteStep builds the site into a scratch directory to catch what only Hugo
// sees (templates, shortcodes); the leak step scans that build too. It
// needs irp-site: without it the step is skipped with a note and does not
// fail the check. A failed build is one finding; irp-site prints why.
func siteStep(r *run) error {
	if _, err := engine.Find(); errors.Is(err, engine.ErrNotFound) {
		fmt.Fprintln(r.ErrOut, "site build skipped: irp-site not found")
		return nil
	}
	if r.findings > 0 {
		fmt.Fprintln(r.ErrOut, "site build skipped: fix the findings above first")
		return nil
	}
	tmp, err := os.MkdirTemp("", "irp-check-")
	if err != nil {
		return fmt.Errorf("scratch directory for the site build: %w", err)
	}
	r.site = tmp
	// irp-site says "irp: build: …"; here that build is a step of the check.
	relabeled := buildproto.Relabel(r.ErrOut, "build", "check: site build")
	code, err := engine.Run(r.ctx, "", []string{"build", "--source", r.Project.Dir, "--dest", tmp},
		engine.Streams{Stdout: io.Discard, Stderr: relabeled})
	relabeled.Flush()
	if err != nil {
		return fmt.Errorf("site build: %w", err)
	}
	if code != 0 {
		r.findings++
		return nil
	}
	r.ok = append(r.ok, "site builds")
	return nil
}
