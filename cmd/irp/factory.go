package main

import (
	"io"
	"os"
	"time"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"irp/internal/ask"
	"irp/internal/iostreams"
	"irp/internal/project"
	"irp/internal/session"
	"irp/internal/vault"
)

// Factory is what every verb gets from its surroundings: streams, the
// environment, the clock and the working directory. Tests make their own.
type Factory struct {
	IO     iostreams.IOStreams
	Dir    string // where the project is looked for
	Getenv func(string) string
	Home   string
	Now    func() time.Time
}

func newFactory(in io.Reader, out, errOut io.Writer) *Factory {
	home, _ := os.UserHomeDir()
	return &Factory{IO: iostreams.IOStreams{In: in, Out: out, ErrOut: errOut}, Dir: ".", Getenv: os.Getenv, Home: home, Now: time.Now}
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
// the session page in dir (session.Open).
func (f *Factory) session(dir string) (*session.Env, *session.Page, error) {
	p, err := f.Project()
	if err != nil {
		return nil, nil, err
	}
	return session.Open(p, f.Now, dir)
}

// identityFlag adds the repeatable -i flag shared by the vault verbs.
func identityFlag(cmd *cobra.Command, files *[]string) {
	cmd.Flags().StringArrayVarP(files, "identity", "i", nil,
		"identity file (age, ssh-ed25519, ssh-rsa; repeatable); default "+vault.DefaultIdentities())
}

// confirm is how a verb asks a question that wants a yes (ask.Confirm):
// on the terminal, unless yes (--yes) answers it.
func (f *Factory) confirm(yes bool) func(question string) error {
	return ask.Confirm(f.IO.In, f.IO.ErrOut, f.IO.IsTerminal(), yes)
}
