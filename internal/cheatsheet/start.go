package cheatsheet

import (
	"errors"
	"fmt"
	"io"

	"irp/internal/problem"
	"irp/internal/project"
)

// CreateIn writes the scaffold for tool name in project p, as Create, and
// says on w what to do next. An existing page is an error with a hint.
func CreateIn(w io.Writer, p project.Project, name string) error {
	path, err := Create(p.Content(), name)
	if errors.Is(err, ErrExists) {
		return problem.WithHint(fmt.Errorf("%s already exists", p.Rel(path)), "edit that page, or pick another name")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "created %s\n", p.Rel(path))
	fmt.Fprintf(w, "next: replace every TODO in it (summary, platform, components, sources, symptoms,\n"+
		"      the four sections and 3-10 examples), then run irp check until it is clean\n"+
		"      and irp serve to see the page.\n")
	return nil
}
