package leak

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestScannerListsBuiltCopiesOnce: a passage in content/ that the site
// build also holds is one finding, under content/; one that reached the
// build from elsewhere is a "site build:" finding.
func TestScannerListsBuiltCopiesOnce(t *testing.T) {
	root := t.TempDir()
	content, scratch := filepath.Join(root, "content"), filepath.Join(root, "scratch")
	write(t, content, "guide/leaky.md", "# Notes\n\n"+resolution+"\n")
	write(t, scratch, "guide/leaky/index.html", "<p>"+resolution+"</p>\n")
	rel := func(p string) string { r, _ := filepath.Rel(root, p); return r }
	l := &Scanner{Scenarios: scenarios(t), Rel: rel}
	got, err := l.Scan(scratch, content)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "content/guide/leaky.md:3: text of sealed scenario amber-heron (Resolution section)") {
		t.Fatalf("findings %q", got)
	}
	got, err = l.Scan(scratch)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "site build: guide/leaky/index.html:1: ") {
		t.Fatalf("findings %q", got)
	}
	if c := l.Covered(); c != "no leaks of 1 sealed scenarios or keys" {
		t.Errorf("covered %q", c)
	}
	l = &Scanner{Skipped: "no identity found", Rel: rel}
	var said strings.Builder
	l.SaySkipped(&said)
	if !strings.Contains(said.String(), "skipped: no identity found") || l.Covered() != "no private keys" {
		t.Errorf("skipped: %q, covered %q", said.String(), l.Covered())
	}
}
