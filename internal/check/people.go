package check

import (
	"fmt"
	"path/filepath"
	"strings"

	"irp/internal/config"
	"irp/internal/people"
)

// peopleStep holds vault/people.toml to config.toml's prerequisites: a
// misspelt one never matches, so it would silently count as missing. A
// people.toml that does not read is one finding.
func peopleStep(r *run) error {
	path := filepath.Join(r.Project.Vault(), "people.toml")
	dir, err := people.Load(path)
	if err != nil {
		r.finding(err)
		return nil
	}
	cfg, err := config.Load(r.Project.Config())
	if err != nil {
		return nil // the content step reports a broken config.toml
	}
	for _, u := range dir.UnknownPrerequisites(cfg.Prerequisites) {
		r.finding(fmt.Sprintf("%s: %s: prerequisite %q is not one of config.toml's (%s)",
			r.Project.Rel(path), u.Handle, u.Prerequisite, strings.Join(cfg.Prerequisites, "; ")))
	}
	return nil
}
