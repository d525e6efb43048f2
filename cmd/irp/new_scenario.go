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
)

func init() { addCommand("new", newNewScenarioCmd) }

func newNewScenarioCmd() *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "scenario ID",
		Short: "Scaffold a plaintext scenario with every section, ready to seal",
		Long: `Write a plaintext scenario template for ID (a codename that reveals
nothing, like amber-heron) with the front matter and every section a
scenario needs. By default it goes to vault/drafts/ID.md, which git ignores
(vault/.gitignore), so the plaintext cannot be committed by accident; the
file is private to you (0600). Fill it in, then irp vault seal FILE, which
encrypts it and removes the plaintext.`,
		Example: `  irp new scenario amber-heron
  irp new scenario amber-heron -o /tmp/amber-heron.md
  irp vault seal vault/drafts/amber-heron.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			if !scenario.ValidID(id) {
				return problem.Usagef("new scenario: %q is not a codename (lowercase letters, digits and dashes, like amber-heron)", id)
			}
			path, shown := output, output
			if path == "" {
				p, err := project.Find(".")
				if err != nil {
					return wrapf(err, "new scenario %s", id)
				}
				path = filepath.Join(p.Vault(), "drafts", id+".md")
				shown = p.Rel(path)
				if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
					return wrapf(err, "new scenario %s", id)
				}
				if _, err := os.Stat(filepath.Join(p.Vault(), "scenarios", id+".age")); err == nil {
					return fmt.Errorf("new scenario %s: already sealed in the vault (use irp vault edit %s)", id, id)
				}
			}
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("new scenario %s: %s already exists", id, path)
			}
			if err != nil {
				return wrapf(err, "new scenario %s", id)
			}
			if _, err := f.Write(scenario.Template(id)); err != nil {
				f.Close()
				return wrapf(err, "new scenario %s", id)
			}
			if err := f.Close(); err != nil {
				return wrapf(err, "new scenario %s", id)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\nfill it in, then: irp vault seal %s\n", shown, shown)
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write here instead of vault/drafts/ID.md")
	return cmd
}
