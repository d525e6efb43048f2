package leak

import (
	"hash/maphash"
	"sort"
	"strings"

	"irp/internal/scenario"
)

// Overlap is a passage of Shingle or more words that a scenario shares
// with another sealed scenario.
type Overlap struct {
	Other   string // the other scenario's id
	Section string // the section of the scenario being checked
	Passage string // the first shared run of words, as words
}

// Shared returns, for each of others that shares a passage of Shingle or
// more words with s, the first such passage. Two scenarios in the pool that
// share a sentence tie each other down: retiring one publishes text the
// other still seals, so the leak check stops the build.
func Shared(s *scenario.Scenario, others map[string]*scenario.Scenario) []Overlap {
	seed := maphash.MakeSeed()
	type at struct{ section, passage string }
	mine := map[uint64]at{}
	for _, sec := range scenario.SectionNames {
		ws := words([]byte(s.Sections[sec]), false)
		for i := 0; i+Shingle <= len(ws); i++ {
			if crossesBlock(ws[i : i+Shingle]) {
				continue
			}
			h := hashWords(seed, ws[i:i+Shingle])
			if _, dup := mine[h]; !dup {
				mine[h] = at{sec, joinWords(ws[i : i+Shingle])}
			}
		}
	}
	ids := make([]string, 0, len(others))
	for id := range others {
		if id != s.ID {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var out []Overlap
	for _, id := range ids {
	sections:
		for _, sec := range scenario.SectionNames {
			ws := words([]byte(others[id].Sections[sec]), false)
			for i := 0; i+Shingle <= len(ws); i++ {
				if crossesBlock(ws[i : i+Shingle]) {
					continue
				}
				if a, ok := mine[hashWords(seed, ws[i:i+Shingle])]; ok {
					out = append(out, Overlap{Other: id, Section: a.section, Passage: a.passage})
					break sections
				}
			}
		}
	}
	return out
}

func joinWords(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.text
	}
	return strings.Join(parts, " ")
}
