package vault

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"irp/internal/scenario"

	"irp/internal/project"
)

// TestShippedVault checks the repository's own vault: every sealed file
// opens with the demo key from testdata/, holds what its name says, and is
// addressed to exactly vault/recipients; the README's `irp vault open`
// examples depend on it.
func TestShippedVault(t *testing.T) {
	p, err := project.Find(".")
	if err != nil {
		t.Fatal(err)
	}
	v, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if !v.HasFile || len(v.Recipients) == 0 {
		t.Fatal("vault/recipients is missing or empty")
	}
	ids, err := ParseIdentityFile(filepath.Join(p.Dir, "testdata", "demo-instigator.key"))
	if err != nil {
		t.Fatal(err)
	}
	probs, err := v.Verify(ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range probs {
		t.Error(pr)
	}
	list, err := v.IDs()
	if err != nil || len(list) < 8 {
		t.Fatalf("%d example scenarios (%v), want at least 8", len(list), err)
	}
	titles := map[string]string{}
	for _, id := range list {
		s, err := v.Open(id, ids)
		if err != nil {
			t.Fatal(err)
		}
		checkShippedScenario(t, p, s)
		if other, dup := titles[s.Title]; dup {
			t.Errorf("%s and %s have the same title %q", id, other, s.Title)
		}
		titles[s.Title] = id
	}
}

// siteLink is a Markdown link to a page of the site, [text](/section/page.md).
var siteLink = regexp.MustCompile(`\]\((/[^)#\s]+\.md)(#[^)\s]*)?\)`)

// checkShippedScenario holds an example scenario to what the practice needs:
// every section written, a ladder of 4 to 6 rungs, front matter filled in,
// and every link to the site pointing at a page that exists.
func checkShippedScenario(t *testing.T, p project.Project, s *scenario.Scenario) {
	t.Helper()
	for _, name := range scenario.SectionNames {
		if strings.TrimSpace(s.Sections[name]) == "" {
			t.Errorf("%s: section %s is empty", s.ID, name)
		}
	}
	if n := len(s.Hints); n < 4 || n > 6 {
		t.Errorf("%s: %d hint rungs, want 4 to 6", s.ID, n)
	}
	if s.Title == "" || s.Difficulty == "" || s.Estimated == "" || len(s.Components) == 0 {
		t.Errorf("%s: front matter lacks title, difficulty, estimated or components", s.ID)
	}
	for _, m := range siteLink.FindAllStringSubmatch(string(s.Source), -1) {
		if _, err := os.Stat(filepath.Join(p.Content(), filepath.FromSlash(m[1]))); err != nil {
			t.Errorf("%s: link to %s: no such page under content/", s.ID, m[1])
		}
	}
}
