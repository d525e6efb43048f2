// Package project finds an irp project on disk and names the places in it.
package project

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ConfigFile is the file that marks the root of a project.
const ConfigFile = "config.toml"

// Project is a checkout of an irp site: content, vault and config.
type Project struct {
	Dir string // absolute path of the directory holding config.toml
}

// NotFoundError means no directory at or above Dir holds config.toml.
type NotFoundError struct{ Dir string }

func (e *NotFoundError) Error() string {
	return "no " + ConfigFile + " in " + e.Dir + " or any parent directory"
}

// Find returns the project that contains dir: the nearest directory at or
// above dir that holds config.toml.
func Find(dir string) (Project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Project{}, err
	}
	for d := abs; ; {
		if _, err := os.Stat(filepath.Join(d, ConfigFile)); err == nil {
			return Project{Dir: d}, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return Project{}, fmt.Errorf("find project: %w", err)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return Project{}, &NotFoundError{abs}
		}
		d = parent
	}
}

// Config is the path of config.toml.
func (p Project) Config() string { return filepath.Join(p.Dir, ConfigFile) }

// Content is the directory of the site's Markdown pages.
func (p Project) Content() string { return filepath.Join(p.Dir, "content") }

// Vault is the directory of sealed scenarios, recipients and the ledger.
func (p Project) Vault() string { return filepath.Join(p.Dir, "vault") }

// Public is the default output directory of the site build.
func (p Project) Public() string { return filepath.Join(p.Dir, "public") }

// Rel returns path relative to the project root for messages, or path itself
// when it lies outside.
func (p Project) Rel(path string) string {
	r, err := filepath.Rel(p.Dir, path)
	if err != nil || filepath.IsAbs(r) || len(r) >= 2 && r[:2] == ".." {
		return path
	}
	return r
}
