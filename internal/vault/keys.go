package vault

import (
	"errors"

	"filippo.io/age"
)

// Keys are the caller's identities, loaded once for a command: the files
// named with -i, else the default ones.
type Keys struct {
	IDs   []age.Identity
	Tried []string // the files looked at, named when none opens a file
	Named bool     // the files were named (-i), not the defaults
	Err   error    // why none loaded; a step that needs them returns it
}

// LoadKeys loads the identities in files, else the defaults (see
// LoadIdentities). A failure is kept in Err, so a command can load its keys
// first and report a missing key only where it needs one.
func LoadKeys(files []string, getenv func(string) string, home string) Keys {
	ids, tried, err := LoadIdentities(files, getenv, home)
	return Keys{IDs: ids, Tried: tried, Named: len(files) > 0, Err: err}
}

// Explain names the identity files tried when none of them opens a file.
func (k Keys) Explain(err error) error {
	var nk *NoKeyError
	if errors.As(err, &nk) {
		return &NoIdentityError{Tried: k.Tried, What: nk.File}
	}
	return err
}

// ExplainLoad is Explain, except that when no identity loaded at all, the
// reason (no identity file found, one not private) is the error.
func (k Keys) ExplainLoad(err error) error {
	if k.Err != nil && errors.Is(err, ErrNoKey) {
		return k.Err
	}
	return k.Explain(err)
}
