// Package config reads irp's own settings from the [params] table of the
// site's config.toml, the same file Hugo reads.
package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"
)

// Team name styles for session summaries.
const (
	Names    = "names"    // show each person's name
	Initials = "initials" // show initials only
)

// DefaultPrerequisites is what every participant needs before a session when
// config.toml does not list its own: the operational access a real incident
// would need (RFD 111, "What about operational prerequisites?").
var DefaultPrerequisites = []string{
	"Ops VPN credentials",
	"LDAP login to headnodes",
	"Two-factor setup",
	"Headnode hostnames",
	"Own deployment",
}

// Params are irp's settings.
type Params struct {
	TeamNames     string   // Names or Initials
	Prerequisites []string // the checklist session check asks people.toml about
	// StatusEvery is how often the investigation coordinator posts a
	// status report during a session (RFD 124: every half hour).
	StatusEvery time.Duration
}

// DefaultStatusEvery is the status report cadence RFD 124 proposes.
const DefaultStatusEvery = 30 * time.Minute

// Defaults returns the settings used when config.toml says nothing.
func Defaults() Params {
	return Params{TeamNames: Initials, Prerequisites: append([]string(nil), DefaultPrerequisites...), StatusEvery: DefaultStatusEvery}
}

// Load reads the settings from the config.toml at path. Absent keys take
// their defaults; a missing file is all defaults.
func Load(path string) (Params, error) {
	p := Defaults()
	src, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return p, err
	}
	return Parse(path, src)
}

// Parse reads the settings from config.toml source; name is used in errors.
func Parse(name string, src []byte) (Params, error) {
	p := Defaults()
	var raw struct {
		Params struct {
			TeamNames     *string   `toml:"team_names"`
			Prerequisites *[]string `toml:"prerequisites"`
			StatusEvery   *string   `toml:"status_every"`
		} `toml:"params"`
	}
	if err := toml.Unmarshal(src, &raw); err != nil {
		line := 1
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		return p, fmt.Errorf("%s:%d: %s", name, line, firstLine(err.Error()))
	}
	if t := raw.Params.TeamNames; t != nil {
		switch v := strings.ToLower(strings.TrimSpace(*t)); v {
		case Names, Initials:
			p.TeamNames = v
		default:
			return p, fmt.Errorf("%s: params.team_names is %q: want %q or %q", name, *t, Names, Initials)
		}
	}
	if l := raw.Params.Prerequisites; l != nil {
		p.Prerequisites = nil
		for _, item := range *l {
			if s := strings.TrimSpace(item); s != "" {
				p.Prerequisites = append(p.Prerequisites, s)
			}
		}
	}
	if e := raw.Params.StatusEvery; e != nil {
		d, err := time.ParseDuration(strings.TrimSpace(*e))
		if err != nil || d < time.Minute {
			return p, fmt.Errorf("%s: params.status_every is %q: want a duration of a minute or more, like \"30m\"", name, *e)
		}
		p.StatusEvery = d
	}
	return p, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
