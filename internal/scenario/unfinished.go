package scenario

import (
	"fmt"
	"strings"
	"sync"
)

// template is the scaffold Template writes, parsed once: what an author
// has not yet replaced.
var template = sync.OnceValue(func() *Scenario {
	s, err := Parse("template.md", Template("scaffold"))
	if err != nil {
		panic(err) // the scaffold is ours: a test parses it too
	}
	return s
})

// Unfinished returns what a draft still lacks before it can join the pool:
// the scaffold's title, a section left empty, or a section (or any hint
// rung) still holding the scaffold's text. A scenario sealed from an
// untouched `irp new scenario` draft would otherwise be offered to a team.
func (s *Scenario) Unfinished() []string {
	t := template()
	var out []string
	if norm(s.Title) == norm(t.Title) {
		out = append(out, "title is still the scaffold's")
	}
	rungs := map[string]bool{}
	for _, r := range t.Hints {
		rungs[norm(r)] = true
	}
	for _, name := range SectionNames {
		body := norm(s.Sections[name])
		switch {
		case body == "":
			out = append(out, fmt.Sprintf("section %s is empty", name))
		case body == norm(t.Sections[name]):
			out = append(out, fmt.Sprintf("section %s still holds the scaffold's text", name))
		case name == "Hints":
			for i, r := range s.Hints {
				if rungs[norm(r)] {
					out = append(out, fmt.Sprintf("hint rung %d still holds the scaffold's text", i+1))
				}
			}
		}
	}
	return out
}

// norm folds case and white space, so re-wrapping the scaffold's text does
// not make it count as written.
func norm(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
