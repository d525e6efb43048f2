package vault

import (
	"errors"
	"fmt"

	"filippo.io/age"

	"irp/internal/leak"
	"irp/internal/project"
)

// Check is the vault step of irp check: the recipients file reads, exists
// when sealed files do, and every sealed file is addressed to it. It
// returns the problems found and how many sealed files there are.
func Check(p project.Project) ([]Problem, int, error) {
	v, err := Load(p)
	if err != nil {
		return []Problem{{Msg: err.Error()}}, 0, nil
	}
	files, err := v.Files()
	if err != nil || len(files) == 0 {
		return nil, 0, err
	}
	if !v.HasFile {
		return []Problem{{File: v.rel(v.RecipientsFile()), Msg: fmt.Sprintf("missing, but %d sealed file(s) exist (run irp vault init)", len(files))}}, len(files), nil
	}
	probs, err := v.Verify(nil)
	return probs, len(files), err
}

// LeakScanner is the leak check of p's published files: it looks for the
// scenarios of the pool, as far as the identities that keys loads open
// them, and for private keys; when it cannot open them it says why.
func LeakScanner(p project.Project, keys func() ([]age.Identity, error)) *leak.Scanner {
	l := &leak.Scanner{Rel: p.Rel}
	v, err := Load(p)
	if err == nil {
		var sealed []string
		if sealed, err = v.IDs(); err == nil && len(sealed) == 0 {
			return l
		}
	}
	var ids []age.Identity
	if err == nil {
		ids, err = keys()
	}
	if err == nil {
		l.Scenarios, err = v.OpenPool(ids)
	}
	var nk *NoKeyError
	switch {
	case errors.As(err, &nk):
		l.Skipped = "your identity does not open " + nk.File
	case err != nil:
		l.Skipped = err.Error()
	}
	if err != nil {
		l.Scenarios = nil
	}
	return l
}
