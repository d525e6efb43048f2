package leak

import (
	"strings"
	"testing"

	"irp/internal/scenario"
)

func TestShared(t *testing.T) {
	parse := func(id, brief string) *scenario.Scenario {
		src := strings.Replace(string(scenario.Template(id)), "What the responders are told at the start: the symptom a user would report,\nand nothing about the cause.", brief, 1)
		s, err := scenario.Parse(id+".md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// Every section but the Brief is the same scaffold text in all three;
	// give each its own so that only the Briefs can overlap.
	own := func(s *scenario.Scenario, id string) *scenario.Scenario {
		for _, sec := range scenario.SectionNames {
			if sec != "Brief" {
				s.Sections[sec] = id + " " + sec
			}
		}
		return s
	}
	a := own(parse("new-one", "Uploads are slow. Find out what is wrong and restore full service quickly."), "a")
	b := own(parse("amber-heron", "Some uploads fail. Find out what is wrong and restore full service."), "b")
	c := own(parse("cobalt-wren", "Reads hang for a minute, then work."), "c")
	got := Shared(a, map[string]*scenario.Scenario{"amber-heron": b, "cobalt-wren": c, "new-one": a})
	if len(got) != 1 || got[0].Other != "amber-heron" || got[0].Section != "Brief" || got[0].Passage != "find out what is wrong and restore full" {
		t.Fatalf("Shared = %+v", got)
	}
}
