// Package people reads vault/people.toml: who the participants are, how much
// incident practice each has had outside the ledger, and which prerequisites
// each has ticked off.
//
// The file is a table per person, keyed by the handle used on the command
// line (irp session new --responders ana,ben):
//
//	[ana]
//	name = "Ana Lopez"
//	initials = "AL"          # optional, derived from name
//	experienced = true       # comfortable with production incidents already
//	sessions = 2             # practice sessions done before irp kept a ledger
//	prerequisites = ["Ops VPN credentials", "Two-factor setup"]
package people

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"

	toml "github.com/pelletier/go-toml/v2"
)

// ExperiencedAfter is how many practice sessions make someone experienced
// when people.toml does not say so outright.
const ExperiencedAfter = 3

// Person is one entry of people.toml.
type Person struct {
	Handle        string   `toml:"-"`
	Name          string   `toml:"name"`
	Initials      string   `toml:"initials"`
	Experienced   bool     `toml:"experienced"`
	Sessions      int      `toml:"sessions"`
	Prerequisites []string `toml:"prerequisites"`
}

// Directory is everyone in people.toml, by handle.
type Directory map[string]*Person

// Load reads people.toml at path; a missing file is an empty directory.
func Load(path string) (Directory, error) {
	src, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Directory{}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// Parse reads people.toml source; name is used in errors, which carry the line.
func Parse(name string, src []byte) (Directory, error) {
	var raw map[string]*Person
	dec := toml.NewDecoder(bytes.NewReader(src)).DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		line := 1
		var de *toml.DecodeError
		var se *toml.StrictMissingError
		switch {
		case errors.As(err, &se) && len(se.Errors) > 0:
			line, _ = se.Errors[0].Position()
			return nil, fmt.Errorf("%s:%d: unknown field %q (known: name, initials, experienced, sessions, prerequisites)", name, line, strings.Join(se.Errors[0].Key(), "."))
		case errors.As(err, &de):
			line, _ = de.Position()
		}
		msg := err.Error()
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		return nil, fmt.Errorf("%s:%d: %s", name, line, msg)
	}
	dir := Directory{}
	for handle, p := range raw {
		if p == nil {
			p = &Person{}
		}
		if p.Sessions < 0 {
			return nil, fmt.Errorf("%s: %s.sessions is %d: want 0 or more", name, handle, p.Sessions)
		}
		p.Handle = handle
		dir[handle] = p
	}
	return dir, nil
}

// Has reports whether p has ticked prerequisite (compared ignoring case and
// surrounding space).
func (p *Person) Has(prerequisite string) bool {
	for _, t := range p.Prerequisites {
		if strings.EqualFold(strings.TrimSpace(t), strings.TrimSpace(prerequisite)) {
			return true
		}
	}
	return false
}

// Missing returns the items of checklist p has not ticked, in checklist order.
func (p *Person) Missing(checklist []string) []string {
	var out []string
	for _, c := range checklist {
		if !p.Has(c) {
			out = append(out, c)
		}
	}
	return out
}

// Display returns how a person is shown on a summary page: their name, or
// initials when initials is true. People not in the directory show as their
// handle (or its first letter, upper-cased, for initials).
func (d Directory) Display(handle string, initials bool) string {
	p := d[handle]
	name := handle
	if p != nil && p.Name != "" {
		name = p.Name
	}
	if !initials {
		return name
	}
	if p != nil && p.Initials != "" {
		return p.Initials
	}
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '_' || r == '.' }) {
		for _, r := range w {
			b.WriteRune(unicode.ToUpper(r))
			break
		}
	}
	return b.String()
}

// Handles returns every handle in the directory, sorted.
func (d Directory) Handles() []string {
	out := make([]string, 0, len(d))
	for h := range d {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}
