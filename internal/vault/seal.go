package vault

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"filippo.io/age"

	"irp/internal/leak"
	"irp/internal/problem"
	"irp/internal/scenario"
)

// SealOptions are the choices of Seal.
type SealOptions struct {
	// ID, when set, replaces the id in the plaintext's front matter.
	ID string
	// Identities are the caller's, if any. Replacing a sealed scenario
	// needs one that opens it, to carry its revision on; with one, the new
	// file is also decrypted and compared after it is written.
	Identities []age.Identity
}

// Validate reports an ID that is not a codename as a usage error.
func (o SealOptions) Validate() error {
	if o.ID != "" && !scenario.ValidID(o.ID) {
		return problem.Usagef("--id %q is not a codename (lowercase letters, digits and dashes, like amber-heron)", o.ID)
	}
	return nil
}

// Sealed is what Seal wrote.
type Sealed struct {
	ID       string
	Revision int
	File     string // the sealed file, relative to the project
	// Checked says how the new file was verified: "decrypted and
	// compared", or only its header.
	Checked string
	// Shared are the passages it shares with other scenarios of the pool
	// (with an identity that opens them): retiring one of the two would
	// then publish text the other still seals.
	Shared []leak.Overlap
}

// ReplaceError means Seal would overwrite a sealed scenario the caller
// cannot open: with no identity (Err is nil) or one that does not open it.
type ReplaceError struct {
	ID   string
	File string // relative to the project
	Err  error
}

func (e *ReplaceError) Error() string {
	if e.Err == nil {
		return e.File + " already exists and no identity was found to open it"
	}
	return e.File + " already exists and does not open with your identity: " + e.Err.Error()
}

func (e *ReplaceError) Unwrap() error { return e.Err }

// UnfinishedError means Seal refused a draft that still holds the
// scaffold's text or an empty section (scenario.Unfinished): sealed, it
// would join the pool and be offered to a team.
type UnfinishedError struct {
	ID   string
	What []string // what is left to write
}

func (e *UnfinishedError) Error() string {
	return "the scenario is not finished: " + strings.Join(e.What, "; ")
}

// Seal checks the plaintext scenario src (read from name), encrypts it to
// the recipients into vault/scenarios/ID.age and verifies what it wrote.
// A scenario sealed over an earlier one gets the next revision, unless its
// text is the same.
func Seal(v *Vault, name string, src []byte, o SealOptions) (*Sealed, error) {
	if o.ID != "" {
		var err error
		if src, err = scenario.SetID(name, src, o.ID); err != nil {
			return nil, err
		}
	}
	s, err := scenario.Parse(name, src)
	if err != nil {
		return nil, err
	}
	if what := s.Unfinished(); len(what) > 0 {
		return nil, &UnfinishedError{ID: s.ID, What: what}
	}
	file := v.rel(v.ScenarioFile(s.ID))
	s.Revision = 1
	if _, err := os.Stat(v.ScenarioFile(s.ID)); err == nil {
		if o.Identities == nil {
			return nil, &ReplaceError{ID: s.ID, File: file}
		}
		old, err := v.Open(s.ID, o.Identities)
		if err != nil {
			return nil, &ReplaceError{ID: s.ID, File: file, Err: err}
		}
		s.Revision = nextRevision(old, s.Source)
	}
	if err := v.Put(s); err != nil {
		return nil, err
	}
	out := &Sealed{ID: s.ID, Revision: s.Revision, File: file, Checked: "header checked"}
	if o.Identities != nil {
		if pool, err := v.OpenPool(o.Identities); err == nil {
			out.Shared = leak.Shared(s, pool)
		}
	}
	if probs, err := v.Verify(nil); err == nil {
		for _, p := range probs {
			if p.File == file {
				return nil, fmt.Errorf("sealed file does not check: %s", p.Msg)
			}
		}
	}
	if o.Identities == nil {
		return out, nil
	}
	back, err := v.Open(s.ID, o.Identities)
	switch {
	case errors.Is(err, ErrNoKey):
		out.Checked = "header checked; your identity is not a recipient"
	case err != nil:
		return nil, fmt.Errorf("reading back: %w", err)
	case !bytes.Equal(back.Source, s.Source):
		return nil, errors.New("reading back gave different text")
	default:
		out.Checked = "decrypted and compared"
	}
	return out, nil
}

// nextRevision is the revision of text sealed over old: the same when the
// text is unchanged, else one more.
func nextRevision(old *scenario.Scenario, text []byte) int {
	if bytes.Equal(old.Source, text) {
		return old.Revision
	}
	return old.Revision + 1
}
