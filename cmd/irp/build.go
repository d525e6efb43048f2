package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/engine"
	"irp/internal/lint"
	"irp/internal/problem"
	"irp/internal/project"
)

type buildOptions struct {
	*Factory
	Dest    string
	BaseURL string
	Drafts  bool
}

func newBuildCmd(f *Factory, runF func(*buildOptions) error) *cobra.Command {
	o := &buildOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the static site into public/",
		Long: `build lints the content (as irp check does) while the irp-site engine renders
the site into a staging directory beside public/ (or --dest), checks the
rendered site for sealed scenario text and private keys, and only then
moves it into place, replacing the earlier build whole. It fails, naming
file and line, on a broken link or anchor, a cheat-sheet that breaks its
schema, or a leak; a build that fails leaves the published site as it was.

The result works from any static host and opened as files, without a server.`,
		Example: `  irp build
  irp build --dest /tmp/site --base-url https://irp.example.com/
  irp build --drafts`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runOr(runF, runBuild, o) },
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Dest, "dest", "", "directory to write the site into (default public/ in the project)")
	fl.StringVar(&o.BaseURL, "base-url", "", "URL the site will be published at")
	fl.BoolVar(&o.Drafts, "drafts", false, "include pages marked draft")
	return cmd
}

// buildRun is the state shared by the checks of a staged site build.
type buildRun struct {
	*Factory
	project project.Project
	dest    string // absolute path the site is published at
	out     string // where the built site is until then (irp-site's staging directory)
	// suspects are the staged files that irp-site saw a key mark in while
	// writing them: every other file holds no private key.
	suspects []string

	leaks *pendingLeaks // the leak check of content/ (vault_check.go)
}

// shown is path as the user should read it: a file of the staged site
// under the publish directory it is going to.
func (r *buildRun) shown(path string) string {
	path = filepath.ToSlash(path)
	from := filepath.ToSlash(r.project.Rel(r.out)) + "/"
	if rest, ok := strings.CutPrefix(path, from); ok {
		return filepath.ToSlash(r.project.Rel(r.dest)) + "/" + rest
	}
	return path
}

// runBuild has irp-site render the site into a staging directory while the
// content is linted and scanned for leaks, runs the leak check on the
// staged site, and only then tells irp-site to publish it: a build that
// fails anywhere leaves the published site as it was.
func runBuild(o *buildOptions) error {
	p, err := o.Project()
	if err != nil {
		return err
	}
	defer batchGC()()
	// The Upcoming table and the calendar come from plans.json: derive it
	// now, so a change to people.toml since the last session verb shows.
	if env, _, err := o.session(""); err == nil {
		bad, _ := env.RefreshFeed()
		reportFeed(o.IO.ErrOut, bad)
	}
	args := []string{"build", "--hold", "--source", p.Dir}
	dest := p.Public()
	if o.Dest != "" {
		args = append(args, "--dest", o.Dest)
		if dest, err = filepath.Abs(o.Dest); err != nil {
			return fmt.Errorf("--dest %s: %w", o.Dest, err)
		}
	}
	if o.BaseURL != "" {
		args = append(args, "--base-url", o.BaseURL)
	}
	if o.Drafts {
		args = append(args, "--drafts")
	}
	site, startErr := engine.StartStaged(args, o.IO.Out, o.IO.ErrOut)
	r := &buildRun{Factory: o.Factory, project: p, dest: dest}
	if startErr == nil {
		startBuildLeak(r)
	}

	// The lint's findings come first, even when irp-site is missing.
	rep, err := lint.Check(p)
	if startErr == nil && (err != nil || len(rep.Findings) > 0) {
		_ = finish(site, false)
	}
	if err != nil {
		return err
	}
	if n := len(rep.Findings); n > 0 {
		printFindings(o.IO.ErrOut, rep.Findings)
		return problem.WithHint(fmt.Errorf("%d finding%s in content/; nothing was built", n, plural(n)),
			"fix them, then run irp build again (irp check lists them too)")
	}
	if startErr != nil {
		return startErr
	}
	printRawHTMLNote(o.IO.ErrOut, rep)

	staged, ok := site.Wait()
	if !ok { // irp-site failed and said why
		return finish(site, false)
	}
	r.out, r.suspects = staged.Dir, staged.Suspects
	if err := buildLeak(r); err != nil {
		_ = finish(site, false)
		return err
	}
	return finish(site, true)
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

// runOr runs a verb: runF when a test gave one, else run.
func runOr[O any](runF, run func(O) error, o O) error {
	if runF != nil {
		return runF(o)
	}
	return run(o)
}
