package site

import (
	"strings"
	"testing"

	"irp/internal/team"
)

// sessionsSite has two published sessions with follow-ups (one open and
// past due, one done, one open), a planned one, and the trend files that
// irp session publish writes.
var sessionsSite = configToml + `
-- content/_index.md --
+++
title = "Home"
+++
-- content/sessions/_index.md --
+++
title = "Sessions"
+++
-- content/sessions/2026-10-01-alpha-one/index.md --
+++
title = "Practice session alpha-one"
date = 2026-10-01T13:00:00Z
status = "published"
codename = "alpha-one"
scenario = "amber-heron"
instigators = ["ana"]
responders = ["ben", "cy", "dee"]

[[followups]]
what = "Alarm per shard"
owner = "cy"
ticket = "https://tracker.example.com/OPS-1"
status = "open"
due = 2020-01-15

[[followups]]
what = "Already handled"
owner = "ana"
status = "done"
+++

## Summary

Text.
-- content/sessions/2026-10-01-alpha-one/team.json --
{"instigators": ["AL"], "responders": ["BO", "CT", "DM"]}
-- content/sessions/2026-11-01-beta-two/index.md --
+++
title = "Practice session beta-two"
date = 2026-11-01T13:00:00Z
status = "published"
codename = "beta-two"
scenario = "cobalt-wren"
instigators = ["ana"]
responders = ["ben", "cy", "dee"]

[[followups]]
what = "Status report template"
owner = "docs group"
status = "open"
+++

## Summary

Text.
`

func TestSessionsTrendAndFollowups(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	points := []team.Point{
		{Session: "2026-10-01-alpha-one", Codename: "alpha-one", Detect: f(9), Diagnose: f(58.5), Mitigate: f(67), Hints: 2},
		{Session: "2026-11-01-beta-two", Codename: "beta-two", Detect: f(4), Mitigate: f(42)},
	}
	j, svg, err := team.TrendFiles(points)
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, sessionsSite+"-- content/sessions/trend.json --\n"+string(j)+"-- content/sessions/trend.svg --\n"+string(svg))
	buildOK(t, dir)

	list := readOut(t, dir, "sessions/index.html")
	for _, want := range []string{
		`<h2 id="trend">Trend</h2>`,
		`<svg xmlns="http://www.w3.org/2000/svg" class="trend-svg"`, // inline: the page's colours apply
		`<th scope="row"><a href="../sessions/2026-10-01-alpha-one/index.html">alpha-one</a></th><td>9.0</td><td>58.5</td><td>67.0</td><td>2</td>`,
		`<a href="../sessions/2026-11-01-beta-two/index.html">beta-two</a></th><td>4.0</td><td></td><td>42.0</td><td>0</td>`,
		`href="../sessions/followups/index.html"`,
	} {
		if !strings.Contains(list, want) {
			t.Errorf("sessions/index.html lacks %s", want)
		}
	}
	if strings.Contains(list, "amber-heron") || strings.Contains(list, "cobalt-wren") {
		t.Error("sessions/index.html names a scenario still in the pool")
	}

	fu := readOut(t, dir, "sessions/followups/index.html")
	alpha, beta := strings.Index(fu, "Alarm per shard"), strings.Index(fu, "Status report template")
	if alpha < 0 || beta < 0 || alpha > beta {
		t.Errorf("follow-ups page: want both open follow-ups, oldest session first:\n%s", fu)
	}
	if strings.Contains(fu, "Already handled") {
		t.Error("follow-ups page lists a done follow-up")
	}
	for _, want := range []string{"<td>CT</td>", "past due", `<a href="https://tracker.example.com/OPS-1">`, `href="../../sessions/2026-10-01-alpha-one/index.html"`, "<td>docs group</td>"} {
		if !strings.Contains(fu, want) {
			t.Errorf("follow-ups page lacks %s", want)
		}
	}
	if page := readOut(t, dir, "sessions/2026-10-01-alpha-one/index.html"); !strings.Contains(page, "Alarm per shard — CT, due 2020-01-15") {
		t.Error("the session page does not list its follow-ups")
	}
}
