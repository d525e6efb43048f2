package vault

import (
	"fmt"
	"io"
	"strings"

	"irp/internal/problem"
	"irp/internal/scenario"
)

// ShowOptions choose what Show prints of a scenario.
type ShowOptions struct {
	Section string // one section (any case), "" for the whole scenario
	Raw     bool   // the decrypted text as is, without checking id and revision
}

// Validate reports, as a usage error, a section that is no section of a
// scenario or one asked for together with Raw.
func (o ShowOptions) Validate() error {
	if o.Section != "" && o.Raw {
		return problem.Usagef("--section and --raw cannot be used together")
	}
	if o.Section != "" && scenario.CanonicalSection(o.Section) == "" {
		return problem.Usagef("no section %q (sections: %s)", o.Section, strings.Join(scenario.SectionNames, ", "))
	}
	return nil
}

// Show decrypts scenario id in memory and writes it to w: the whole source,
// one section under its heading, or (Raw) the text as decrypted. It refuses
// a w that is a file inside the project, where the site is built from.
func Show(w io.Writer, v *Vault, id string, o ShowOptions, keys Keys) error {
	if err := CheckOutput(v.Project, w); err != nil {
		return err
	}
	if keys.Err != nil {
		return keys.Err
	}
	var (
		text []byte
		err  error
	)
	switch {
	case o.Raw:
		text, err = v.OpenRaw(id, keys.IDs)
	case o.Section == "":
		text, err = v.OpenSource(id, keys.IDs)
	default:
		var s *scenario.Scenario
		if s, err = v.Open(id, keys.IDs); err == nil {
			body, _ := s.Section(o.Section)
			text = fmt.Appendf(nil, "## %s\n\n%s\n", scenario.CanonicalSection(o.Section), body)
		}
	}
	if err != nil {
		return keys.Explain(err)
	}
	_, err = w.Write(text)
	return err
}
