package scenario

import (
	"strings"
	"testing"
)

func TestUnfinished(t *testing.T) {
	fresh, err := Parse("s.md", Template("pale-finch"))
	if err != nil {
		t.Fatal(err)
	}
	got := fresh.Unfinished()
	if len(got) != 1+len(SectionNames) {
		t.Errorf("an untouched scaffold: %d problems %q, want the title and every section", len(got), got)
	}
	// Filled in, but one section re-wrapped from the scaffold and one rung left.
	src := string(Template("pale-finch"))
	for from, to := range map[string]string{
		`"A short title that may be shown to responders"`:                                                           `"Uploads slow down"`,
		"What the responders are told at the start: the symptom a user would report,\nand nothing about the cause.": "Uploads are slow since noon.",
		"1. Exact, copy-pasteable steps the instigator runs to cause the outage.":                                   "1. `svcadm disable -st registrar` in one storage zone.",
		"How the instigators confirm the outage is live (a request that fails, a\nmetric that moves).":              "`svcs registrar` shows it disabled.",
		"What responders will see: errors, alarms, latency, which requests fail.":                                   "Slow PUTs.",
		"2. A question that narrows the search.":                                                                    "2. Which storage node do the slow requests share?",
		"3. A stronger question, still not the answer.":                                                             "3. Is that node still in DNS?",
		"The cause, how to find it, and the fix.":                                                                   "Registrar was disabled; enable it.",
		"What share of requests is expected to fail, and which operations.":                                         "A few PUTs.",
		"How to undo the induced fault completely.":                                                                 "`svcadm enable -s registrar`.",
	} {
		if !strings.Contains(src, from) {
			t.Fatalf("template has no %q", from)
		}
		src = strings.Replace(src, from, to, 1)
	}
	s, err := Parse("s.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	const want = "hint rung 1 still holds the scaffold's text|section Abort still holds the scaffold's text"
	if got := strings.Join(s.Unfinished(), "|"); got != want {
		t.Errorf("half-filled: %q, want %q", got, want)
	}
}
