package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/session"
	"irp/internal/vault"
)

// IOStreams are where a command reads and writes.
type IOStreams struct {
	In          io.Reader
	Out, ErrOut io.Writer
}

// IsTerminal reports whether the command's input is a terminal.
func (s IOStreams) IsTerminal() bool { return isTerminal(s.In) }

// OutIsTerminal and ErrIsTerminal report whether a person watches the
// command's output, or its errors and progress.
func (s IOStreams) OutIsTerminal() bool { return isTerminal(s.Out) }

// ErrIsTerminal: see OutIsTerminal.
func (s IOStreams) ErrIsTerminal() bool { return isTerminal(s.ErrOut) }

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Factory is what every verb gets from its surroundings: streams, the
// environment, the clock and the working directory. Tests make their own.
type Factory struct {
	IO     IOStreams
	Dir    string // where the project is looked for
	Getenv func(string) string
	Home   string
	Now    func() time.Time
}

func newFactory(in io.Reader, out, errOut io.Writer) *Factory {
	home, _ := os.UserHomeDir()
	return &Factory{IO: IOStreams{in, out, errOut}, Dir: ".", Getenv: os.Getenv, Home: home, Now: time.Now}
}

// Project finds the project the command works in.
func (f *Factory) Project() (project.Project, error) { return project.Find(f.Dir) }

// Vault finds the project and loads its vault.
func (f *Factory) Vault() (*vault.Vault, error) {
	p, err := f.Project()
	if err != nil {
		return nil, err
	}
	return vault.Load(p)
}

// LoadKeys loads the caller's identities: the -i files, else the
// defaults. A failure waits in Keys.Err for the step that needs a key.
func (f *Factory) LoadKeys(files []string) vault.Keys {
	return vault.LoadKeys(files, f.Getenv, f.Home)
}

// DefaultKeys loads the caller's default identities, for the verbs that
// open the pool without an -i flag (build, check).
func (f *Factory) DefaultKeys() ([]age.Identity, error) {
	k := f.LoadKeys(nil)
	return k.IDs, k.Err
}

// session loads the project's session settings and, when dir is not "",
// the session page in dir.
func (f *Factory) session(dir string) (*session.Env, *session.Page, error) {
	p, err := f.Project()
	if err != nil {
		return nil, nil, err
	}
	env, err := session.Load(p)
	if err != nil {
		return nil, nil, err
	}
	env.Now = f.Now
	if dir == "" {
		return env, nil, nil
	}
	page, err := env.Read(dir)
	return env, page, err
}

// identityFlag adds the repeatable -i flag shared by the vault verbs.
func identityFlag(cmd *cobra.Command, files *[]string) {
	cmd.Flags().StringArrayVarP(files, "identity", "i", nil,
		"identity file (age, ssh-ed25519, ssh-rsa; repeatable); default "+vault.DefaultIdentities())
}

// errNotConfirmed means the user answered no to confirm's question.
var errNotConfirmed = errors.New("not confirmed: nothing changed")

// confirm is how a verb asks a question that wants a yes: on the
// terminal, unless yes (--yes) answers it. Without a terminal to ask on,
// --yes is required.
func (f *Factory) confirm(yes bool) func(question string) error {
	return func(question string) error {
		if yes {
			return nil
		}
		if !f.IO.IsTerminal() {
			return problem.WithHint(problem.Usagef("%s Pass --yes to confirm (no terminal to ask on)", question), "run it again with --yes")
		}
		fmt.Fprintf(f.IO.ErrOut, "%s [y/N] ", question)
		answer, _ := bufio.NewReader(f.IO.In).ReadString('\n')
		switch strings.ToLower(strings.TrimSpace(answer)) {
		case "y", "yes":
			return nil
		}
		return errNotConfirmed
	}
}
