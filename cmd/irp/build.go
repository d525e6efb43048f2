package main

import (
	"context"
	"fmt"
	"path/filepath"

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
		Long: `build lints the content (as irp check does), then builds the site with the
irp-site engine into public/, or --dest. It fails, naming file and line,
on a broken link or anchor or a cheat-sheet that breaks its schema.

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

// buildRun is the state shared by the steps after a successful site build.
type buildRun struct {
	cmd     *cobra.Command
	project project.Project
	dest    string // absolute path of the built site
}

// afterBuild are the checks that run over a freshly built site, in order
// (the leak check goes here). A step prints its findings on stderr and
// returns problem.Found, or an error when it cannot run.
func afterBuild() []func(r *buildRun) error {
	return []func(r *buildRun) error{buildLeak} // vault_check.go
}

func runBuild(cmd *cobra.Command, p project.Project, o buildOptions) error {
	rep, err := lint.Check(p)
	if err != nil {
		return err
	}
	if n := len(rep.Findings); n > 0 {
		printFindings(cmd.ErrOrStderr(), rep.Findings)
		return problem.WithHint(fmt.Errorf("build: %d finding%s in content/; nothing was built", n, plural(n)),
			"fix them, then run irp build again (irp check lists them too)")
	}

	args := []string{"build", "--source", p.Dir}
	dest := p.Public()
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
	code, err := engine.Run(context.Background(), "", args,
		engine.Streams{Stdout: cmd.OutOrStdout(), Stderr: cmd.ErrOrStderr()})
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if err := engineExit(code); err != nil {
		return err
	}

	r := &buildRun{cmd: cmd, project: p, dest: dest}
	for _, step := range afterBuild() {
		if err := step(r); err != nil {
			return err
		}
	}
	return nil
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
