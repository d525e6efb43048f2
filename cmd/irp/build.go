package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"irp/internal/engine"
	"irp/internal/lint"
	"irp/internal/problem"
	"irp/internal/project"
)

func init() { addCommand("", newBuildCmd) }

type buildOptions struct {
	dest    string
	baseURL string
	drafts  bool
}

func newBuildCmd() *cobra.Command {
	var o buildOptions
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := project.Find(".")
			if err != nil {
				return err
			}
			return runBuild(cmd, p, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.dest, "dest", "", "directory to write the site into (default public/ in the project)")
	f.StringVar(&o.baseURL, "base-url", "", "URL the site will be published at")
	f.BoolVar(&o.drafts, "drafts", false, "include pages marked draft")
	return cmd
}

// buildRun is the state shared by the checks of a staged site build.
type buildRun struct {
	cmd     *cobra.Command
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

// duringBuild are the checks started while irp-site renders (out is not
// set yet); they leave their results on r for the afterBuild steps.
func duringBuild() []func(r *buildRun) {
	return []func(r *buildRun){startBuildLeak} // vault_check.go
}

// afterBuild are the checks that run over a freshly built site before it is
// published, in order (the leak check goes here). A step prints its
// findings on stderr and returns problem.Found, or an error when it cannot
// run; either way nothing is published.
func afterBuild() []func(r *buildRun) error {
	return []func(r *buildRun) error{buildLeak} // vault_check.go
}

// runBuild has irp-site render the site into a staging directory while the
// content is linted, runs the afterBuild checks on the staged site, and
// only then tells irp-site to publish it: a build that fails anywhere
// leaves the published site as it was.
func runBuild(cmd *cobra.Command, p project.Project, o buildOptions) error {
	defer batchGC()()
	args := []string{"build", "--hold", "--source", p.Dir}
	dest := p.Public()
	var err error
	if o.dest != "" {
		args = append(args, "--dest", o.dest)
		if dest, err = filepath.Abs(o.dest); err != nil {
			return fmt.Errorf("build: --dest %s: %w", o.dest, err)
		}
	}
	if o.baseURL != "" {
		args = append(args, "--base-url", o.baseURL)
	}
	if o.drafts {
		args = append(args, "--drafts")
	}
	site, startErr := startStaged(args, cmd.OutOrStdout(), cmd.ErrOrStderr())
	r := &buildRun{cmd: cmd, project: p, dest: dest}
	if startErr == nil {
		for _, start := range duringBuild() {
			start(r)
		}
	}

	// The lint's findings come first, even when irp-site is missing.
	rep, err := lint.Check(p)
	if startErr == nil && (err != nil || len(rep.Findings) > 0) {
		_ = site.finish(false)
	}
	if err != nil {
		return err
	}
	if n := len(rep.Findings); n > 0 {
		printFindings(cmd.ErrOrStderr(), rep.Findings)
		return problem.WithHint(fmt.Errorf("build: %d finding%s in content/; nothing was built", n, plural(n)),
			"fix them, then run irp build again (irp check lists them too)")
	}
	if startErr != nil {
		return fmt.Errorf("build: %w", startErr)
	}

	out, ok := site.staged()
	if !ok { // irp-site failed and said why
		return site.finish(false)
	}
	r.out, r.suspects = out, site.stdout.suspects
	for _, step := range afterBuild() {
		if err := step(r); err != nil {
			_ = site.finish(false)
			return err
		}
	}
	return site.finish(true)
}

// stagedBuild is an irp-site build --hold in progress.
type stagedBuild struct {
	proc    *engine.Proc
	verdict *os.File      // irp-site's stdin
	stdout  *stagedWriter // irp-site's stdout
	exited  chan struct{} // closed when irp-site has exited, with code and err set
	code    int
	err     error
}

func startStaged(args []string, stdout, stderr io.Writer) (*stagedBuild, error) {
	in, verdict, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	b := &stagedBuild{verdict: verdict, stdout: &stagedWriter{next: stdout, dir: make(chan string, 1)}, exited: make(chan struct{})}
	proc, err := engine.Start(context.Background(), "", args, engine.Streams{Stdin: in, Stdout: b.stdout, Stderr: stderr})
	in.Close() // irp-site has its own copy
	if err != nil {
		verdict.Close()
		return nil, err
	}
	b.proc = proc
	go func() {
		b.code, b.err = proc.Wait()
		close(b.exited)
	}()
	return b, nil
}

// staged waits for the staged site and returns its directory; ok is false
// when irp-site exited without one.
func (b *stagedBuild) staged() (dir string, ok bool) {
	select {
	case dir := <-b.stdout.dir:
		return dir, true
	case <-b.exited:
		return "", false
	}
}

// finish tells irp-site to publish the staged site or to delete it, waits
// for it to exit and returns what its exit code means for irp build. A
// build that is not to be published is stopped at once (SIGTERM makes
// irp-site delete what it staged), not rendered to the end.
func (b *stagedBuild) finish(publish bool) error {
	if publish {
		_, _ = io.WriteString(b.verdict, "publish\n")
	} else {
		_ = b.proc.Signal(syscall.SIGTERM)
	}
	b.verdict.Close()
	<-b.exited
	if b.err != nil {
		return fmt.Errorf("build: %w", b.err)
	}
	return engineExit(b.code)
}

// stagedWriter passes irp-site's stdout on, except the "suspect PATH"
// lines, which it collects, and the "staged DIR" line, whose DIR it sends
// on dir (suspects is complete by then).
type stagedWriter struct {
	next     io.Writer
	dir      chan string
	suspects []string
	line     []byte
	done     bool // the staged line has been seen
}

func (w *stagedWriter) Write(b []byte) (int, error) {
	if w.done {
		return w.next.Write(b)
	}
	w.line = append(w.line, b...)
	for {
		i := bytes.IndexByte(w.line, '\n')
		if i < 0 {
			return len(b), nil
		}
		l := string(w.line[:i])
		w.line = w.line[i+1:]
		if p, ok := strings.CutPrefix(l, "suspect "); ok {
			w.suspects = append(w.suspects, p)
			continue
		}
		if dir, ok := strings.CutPrefix(l, "staged "); ok {
			w.done = true
			w.dir <- dir
			if len(w.line) > 0 {
				if _, err := w.next.Write(w.line); err != nil {
					return len(b), err
				}
			}
			return len(b), nil
		}
		if _, err := fmt.Fprintln(w.next, l); err != nil {
			return len(b), err
		}
	}
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
