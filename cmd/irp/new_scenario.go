package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/scenario"
	"irp/internal/vault"
)

func init() { addCommand("new", newNewScenarioCmd) }

func newNewScenarioCmd() *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "scenario ID",
		Short: "Scaffold a plaintext scenario with every section, ready to seal",
		Long: `Write a plaintext scenario template for ID (a codename that reveals
nothing, like amber-heron) with the front matter and every section a
scenario needs.

The plaintext never goes into the repository: by default it is written to
your private drafts directory ($XDG_DATA_HOME/irp/drafts, else
~/.local/share/irp/drafts; mode 0700, the file 0600), and -o refuses a path
under content/ (it would be published) or vault/ (only sealed files live
there). Fill it in, then irp vault seal FILE, which encrypts it into
vault/scenarios/ID.age and removes the plaintext.`,
		Example: `  irp new scenario amber-heron
  irp new scenario amber-heron -o /tmp/amber-heron.md
  irp vault seal ~/.local/share/irp/drafts/amber-heron.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			if !scenario.ValidID(id) {
				return problem.Usagef("new scenario: %q is not a codename (lowercase letters, digits and dashes, like amber-heron)", id)
			}
			p, err := project.Find(".")
			if err != nil {
				return wrapf(err, "new scenario %s", id)
			}
			if vault.At(p).Has(id) {
				return fmt.Errorf("new scenario %s: already sealed in the vault (use irp vault edit %s)", id, id)
			}
			path, err := draftPath(p, id, output)
			if err != nil {
				return err
			}
			if err := writeDraft(path, scenario.Template(id)); err != nil {
				return wrapf(err, "new scenario %s", id)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\nfill it in, then: irp vault seal %s\n", path, path)
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write here instead of the private drafts directory")
	return cmd
}

// draftPath is where the plaintext of a new scenario goes: output when
// given, unless that is inside content/ or vault/ of the project; else the
// user's private drafts directory, created 0700.
func draftPath(p project.Project, id, output string) (string, error) {
	if output != "" {
		abs, err := filepath.Abs(output)
		if err != nil {
			return "", wrapf(err, "new scenario %s", id)
		}
		for _, dir := range []string{p.Content(), p.Vault()} {
			if rel, err := filepath.Rel(dir, abs); err == nil && filepath.IsLocal(rel) {
				return "", problem.Usagef("new scenario %s: -o %s is inside %s/, where a plaintext scenario must not go", id, output, p.Rel(dir))
			}
		}
		return output, nil
	}
	dir, err := draftsDir()
	if err != nil {
		return "", wrapf(err, "new scenario %s", id)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", wrapf(err, "new scenario %s", id)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", wrapf(err, "new scenario %s", id)
	}
	return filepath.Join(dir, id+".md"), nil
}

// draftsDir is $XDG_DATA_HOME/irp/drafts, else ~/.local/share/irp/drafts.
func draftsDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "irp", "drafts"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "irp", "drafts"), nil
}

// writeDraft creates path (0600), refusing to overwrite an existing file.
func writeDraft(path string, text []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}
