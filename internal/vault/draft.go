package vault

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/scenario"
)

// PlaceError means a plaintext scenario was to be written where it would
// be published (content/) or where only sealed files live (vault/).
type PlaceError struct {
	Path string // as given
	Dir  string // content or vault, relative to the project
}

func (e *PlaceError) Error() string {
	return fmt.Sprintf("-o %s is inside %s/, where a plaintext scenario must not go", e.Path, e.Dir)
}

// Draft writes the plaintext template of a new scenario id to output, or,
// when output is "", to the user's private drafts directory
// ($XDG_DATA_HOME/irp/drafts, else ~/.local/share/irp/drafts; 0700), as a
// new file (0600). It returns the file's path. Plaintext never goes into
// the project's content/ or vault/, nor over an existing file.
func Draft(p project.Project, id, output string, getenv func(string) string, home string) (string, error) {
	if At(p).Has(id) {
		return "", fmt.Errorf("already sealed in the vault (use irp vault edit %s)", id)
	}
	path, err := draftPath(p, id, output, getenv, home)
	if err != nil {
		return "", err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists", path)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(scenario.Template(id)); err != nil {
		f.Close()
		os.Remove(path)
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return "", err
	}
	return path, nil
}

func draftPath(p project.Project, id, output string, getenv func(string) string, home string) (string, error) {
	if output != "" {
		abs, err := filepath.Abs(output)
		if err != nil {
			return "", err
		}
		for _, dir := range []string{p.Content(), p.Vault()} {
			if rel, err := filepath.Rel(dir, abs); err == nil && filepath.IsLocal(rel) {
				return "", &PlaceError{output, p.Rel(dir)}
			}
		}
		return output, nil
	}
	dir := filepath.Join(home, ".local", "share", "irp", "drafts")
	if d := getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		dir = filepath.Join(d, "irp", "drafts")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(dir, id+".md"), nil
}

// WriteDraft writes the template of scenario id, as Draft, and says on w
// where it is and how to seal it. A place plaintext must not go is a usage
// error.
func WriteDraft(w io.Writer, p project.Project, id, output string, getenv func(string) string, home string) error {
	path, err := Draft(p, id, output, getenv, home)
	if errors.As(err, new(*PlaceError)) {
		return problem.Usage(err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s\nfill it in, then: irp vault seal %s\n", path, path)
	return nil
}
