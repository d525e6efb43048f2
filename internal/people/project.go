package people

import (
	"fmt"
	"io"
	"path/filepath"

	"irp/internal/config"
	"irp/internal/project"
)

// File is the people file of project p: vault/people.toml.
func File(p project.Project) string { return filepath.Join(p.Vault(), "people.toml") }

// AddTo adds handle to the people file of project p, as Add, and says so
// on w.
func AddTo(w io.Writer, p project.Project, handle, name string, experienced bool) error {
	path := File(p)
	if err := Add(path, handle, name, experienced); err != nil {
		return err
	}
	fmt.Fprintf(w, "added %s to %s\n", handle, p.Rel(path))
	return nil
}

// TickIn ticks prerequisite, one of config.toml's, for handle in the people
// file of project p, as Tick, and says on w whether it changed anything.
func TickIn(w io.Writer, p project.Project, handle, prerequisite string) error {
	cfg, err := config.Load(p.Config())
	if err != nil {
		return err
	}
	path := File(p)
	changed, err := Tick(path, handle, prerequisite, cfg.Prerequisites)
	if err != nil {
		return err
	}
	if !changed {
		fmt.Fprintf(w, "%s already has %q\n", handle, prerequisite)
		return nil
	}
	fmt.Fprintf(w, "ticked %q for %s in %s\n", prerequisite, handle, p.Rel(path))
	return nil
}
