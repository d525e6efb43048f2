package team

import (
	"fmt"
	"sort"
	"strings"

	"irp/internal/session"
)

// Candidate is a scenario in the pool that none of the team has seen.
// Components and Difficulty are empty when the caller cannot open it.
type Candidate struct {
	ID         string
	Title      string
	Difficulty string
	Components []string
	Sealed     bool // its text could not be opened: nothing to rank it by
}

// Ranked is a candidate with what makes it worth picking.
type Ranked struct {
	Candidate
	New    []string // components none of the team has practised
	Reason string   // one line for the organiser
	// practised[i] is how many of the team have practised Components[i].
	practised []int
	fit       int // distance between the scenario's difficulty and the team's
}

// difficulties in order; the index is a scenario's level.
var difficulties = []string{"easy", "medium", "hard"}

func level(difficulty string) int {
	for i, d := range difficulties {
		if strings.EqualFold(strings.TrimSpace(difficulty), d) {
			return i
		}
	}
	return -1
}

// Suits returns the difficulty that suits a team: easy while most are
// newcomers, hard when most are experienced, medium between.
func Suits(team []Person) string {
	if len(team) == 0 {
		return "medium"
	}
	score := 0
	for _, p := range team {
		switch p.Experience {
		case session.Practised:
			score++
		case session.Experienced:
			score += 2
		}
	}
	// The mean experience, 0 (all new) to 2 (all experienced), in thirds.
	switch mean3 := 3 * score / len(team); {
	case mean3 < 2:
		return "easy"
	case mean3 < 5:
		return "medium"
	}
	return "hard"
}

// Rank orders the candidates by new ground for team: most components that
// none of them has practised first, then the least practised components,
// then a difficulty closest to what suits the team, then id. Sealed
// candidates come last, in id order.
func Rank(team []Person, cands []Candidate) []Ranked {
	want := level(Suits(team))
	out := make([]Ranked, 0, len(cands))
	for _, c := range cands {
		r := Ranked{Candidate: c, New: []string{}}
		for _, comp := range c.Components {
			n := 0
			for _, p := range team {
				if p.Components[comp] > 0 {
					n++
				}
			}
			r.practised = append(r.practised, n)
			if n == 0 {
				r.New = append(r.New, comp)
			}
		}
		r.fit = 3
		if l := level(c.Difficulty); l >= 0 {
			r.fit = abs(l - want)
		}
		r.Reason = reason(r, len(team), difficulties[want])
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Sealed != b.Sealed {
			return !a.Sealed
		}
		if len(a.New) != len(b.New) {
			return len(a.New) > len(b.New)
		}
		// Least practised: compare mean coverage as cross products, so a
		// scenario with no components (nothing to learn) sorts last.
		ca, cb := coverage(a), coverage(b)
		if ca[0]*cb[1] != cb[0]*ca[1] {
			return ca[0]*cb[1] < cb[0]*ca[1]
		}
		if a.fit != b.fit {
			return a.fit < b.fit
		}
		return a.ID < b.ID
	})
	return out
}

// coverage is the mean share of the team that has practised r's
// components, as a fraction {sum, count}; {1, 1} when it has none.
func coverage(r Ranked) [2]int {
	if len(r.practised) == 0 {
		return [2]int{1, 1}
	}
	sum := 0
	for _, n := range r.practised {
		sum += n
	}
	return [2]int{sum, len(r.practised)}
}

func reason(r Ranked, size int, suits string) string {
	if r.Sealed {
		return "sealed to you: its components and difficulty are unknown"
	}
	var parts []string
	switch {
	case len(r.Components) == 0:
		parts = append(parts, "lists no components")
	case len(r.New) > 0:
		parts = append(parts, "new ground: "+strings.Join(r.New, ", "))
		if len(r.New) < len(r.Components) {
			parts = append(parts, "practised already: "+practisedList(r, size))
		}
	default:
		parts = append(parts, "no new ground, practised: "+practisedList(r, size))
	}
	switch {
	case r.Difficulty == "":
		parts = append(parts, "difficulty not given")
	case r.fit == 0:
		parts = append(parts, r.Difficulty+" suits this team")
	default:
		parts = append(parts, fmt.Sprintf("%s (this team suits %s)", r.Difficulty, suits))
	}
	return strings.Join(parts, "; ")
}

// practisedList says how many of the team practised each component of r
// that is not new, as "webapi 2/3, moray 1/3".
func practisedList(r Ranked, size int) string {
	var l []string
	for i, c := range r.Components {
		if r.practised[i] > 0 {
			l = append(l, fmt.Sprintf("%s %d/%d", c, r.practised[i], size))
		}
	}
	return strings.Join(l, ", ")
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Covered returns the scenario's components when every responder has
// already practised all of them, nil otherwise (or when it has none).
func Covered(team []Person, components []string) []string {
	if len(components) == 0 || len(team) == 0 {
		return nil
	}
	for _, c := range components {
		for _, p := range team {
			if p.Components[c] == 0 {
				return nil
			}
		}
	}
	return components
}

// Of returns the Person entries for handles, in that order; someone Build
// has not met is a newcomer who has practised nothing.
func Of(ps []Person, handles []string) []Person {
	by := map[string]Person{}
	for _, p := range ps {
		by[p.Handle] = p
	}
	out := make([]Person, 0, len(handles))
	for _, h := range handles {
		p, ok := by[h]
		if !ok {
			p = Person{Handle: h, Experience: session.Newcomer, Components: map[string]int{}, Seen: []string{}, Missing: []string{}}
		}
		out = append(out, p)
	}
	return out
}
