// Package build is `irp build` and `irp serve`: it runs irp-site, the
// binary with the Hugo engine (internal/engine), for a staged build that
// is published only when the content lints clean and the rendered site
// holds no leak, and for the preview server.
//
// The staged build protocol between the two binaries is internal/buildproto.
package build

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"filippo.io/age"

	"irp/internal/engine"
	"irp/internal/lint"
	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/session"
)

// Options are what one build needs from its caller.
type Options struct {
	Project project.Project
	Dest    string // where to publish the site; "" is the project's public/
	BaseURL string // the URL the site will be published at; "" is config.toml's
	Drafts  bool   // include pages marked draft
	// Out gets irp-site's own output, ErrOut the findings, notes and leaks.
	Out, ErrOut io.Writer
	// Keys loads the caller's identities, to open the pool for the leak
	// check; called at most once, and only when there are sealed scenarios.
	Keys func() ([]age.Identity, error)
	// Now is the clock for the calendar feed; nil means time.Now.
	Now func() time.Time
	// Started, when not nil, is called once irp-site runs, before the
	// lint and the leak check start beside it (cmd/irp lowers its own
	// CPU priority there, so that they take what Hugo leaves).
	Started func()
}

// Run has irp-site render the site into a staging directory while the
// content is linted and scanned for leaks, runs the leak check on the
// staged site, and only then tells irp-site to publish it: a build that
// fails anywhere, or whose ctx is done before it is published, leaves the
// published site as it was. Findings and leaks are listed on ErrOut;
// problem.Found means irp-site failed and has said why. First it rewrites
// the calendar feed of the sessions (session.Env.RefreshFeed), which the
// site shows.
func Run(ctx context.Context, o Options) error {
	p := o.Project
	// The Upcoming table and the calendar come from plans.json: derive it
	// now, so a change to people.toml since the last session verb shows.
	if env, err := session.Load(p); err == nil {
		if o.Now != nil {
			env.Now = o.Now
		}
		bad, _ := env.RefreshFeed()
		session.ReportFeed(o.ErrOut, bad)
	}
	dest := p.Public()
	if o.Dest != "" {
		var err error
		if dest, err = filepath.Abs(o.Dest); err != nil {
			return fmt.Errorf("--dest %s: %w", o.Dest, err)
		}
	}
	site, startErr := engine.StartStaged(args(o), o.Out, o.ErrOut)
	var leaks *pendingLeaks
	if startErr == nil {
		if o.Started != nil {
			o.Started()
		}
		leaks = startLeakCheck(p, o.Keys)
	}

	// The lint's findings come first, even when irp-site is missing; when
	// it renders, it checks the links itself, in the same pass.
	rep, err := lint.CheckWith(p, lint.Options{LinksRendered: startErr == nil && linksRendered(p)})
	if startErr == nil && (err != nil || len(rep.Findings) > 0) {
		_ = finish(site, false)
	}
	if err != nil {
		return err
	}
	if n := len(rep.Findings); n > 0 {
		rep.WriteFindings(o.ErrOut)
		return problem.WithHint(fmt.Errorf("%d finding%s in content/; nothing was built", n, plural(n)),
			"fix them, then run irp build again (irp check lists them too)")
	}
	if startErr != nil {
		return startErr
	}
	rep.WriteNote(o.ErrOut)

	staged, ok := site.Wait()
	if !ok { // irp-site failed and said why
		return finish(site, false)
	}
	s := stagedSite{project: p, dest: dest, dir: staged.Dir, suspects: staged.Suspects}
	if err := leaks.finish(s, o.ErrOut); err != nil {
		_ = finish(site, false)
		return err
	}
	if err := ctx.Err(); err != nil {
		_ = finish(site, false)
		return err
	}
	return finish(site, true)
}

// args is irp-site's command line for the staged build o asks for.
func args(o Options) []string {
	a := []string{"build", "--hold", "--source", o.Project.Dir}
	if o.Dest != "" {
		a = append(a, "--dest", o.Dest)
	}
	if o.BaseURL != "" {
		a = append(a, "--base-url", o.BaseURL)
	}
	if o.Drafts {
		a = append(a, "--drafts")
	}
	return a
}

// finish has irp-site publish its staged build, or delete it, and returns
// what its exit code means for irp build.
func finish(site *engine.Staged, publish bool) error {
	code, err := site.Finish(publish)
	if err != nil {
		return err
	}
	return engineExit(code)
}

// engineExit turns irp-site's exit code into irp's: the engine has already
// printed its own error lines, so a failure only sets the status.
func engineExit(code int) error {
	switch code {
	case 0:
		return nil
	case problem.ExitUsage:
		return problem.Usage(fmt.Errorf("irp-site rejected the command line"))
	default:
		return problem.Found
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
