package vault

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"irp/internal/project"
	"irp/internal/scenario"
)

func TestPoolProblems(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"webapi.md", "moray.md", "_index.md"} {
		if err := os.MkdirAll(filepath.Join(dir, "content", "components"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "content", "components", name), []byte("---\ntitle: x\n---\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := project.Project{Dir: dir}
	if got := ComponentPages(p); len(got) != 2 || !got["webapi"] || !got["moray"] {
		t.Errorf("ComponentPages = %v", got)
	}
	s, err := scenario.Parse("pale-finch.md", scenario.Template("pale-finch"))
	if err != nil {
		t.Fatal(err)
	}
	got := PoolProblems(p, map[string]*scenario.Scenario{"pale-finch": s})
	var text []string
	for _, pr := range got {
		if pr.File != "vault/scenarios/pale-finch.age" {
			t.Errorf("problem names %q", pr.File)
		}
		text = append(text, pr.Msg)
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{
		`component "electric-moray" has no page`,
		"unfinished: title is still the scaffold's (irp vault edit pale-finch)",
		"unfinished: section Brief still holds the scaffold's text",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
}

// TestShippedPoolKeepsTheRules: the demo pool breaks none of irp check's
// scenario rules, has at least 18 scenarios, and no tier (by the faulted
// component, listed first) holds more than a third of it.
func TestShippedPoolKeepsTheRules(t *testing.T) {
	p, err := project.Find(".")
	if err != nil {
		t.Fatal(err)
	}
	v, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := ParseIdentityFile(filepath.Join(p.Dir, "testdata", "demo-instigator.key"))
	if err != nil {
		t.Fatal(err)
	}
	list, err := v.IDs()
	if err != nil {
		t.Fatal(err)
	}
	pool, err := v.OpenPool(ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range PoolProblems(p, pool) {
		t.Error(pr)
	}
	if len(list) < 18 {
		t.Errorf("%d scenarios, want at least 18", len(list))
	}
	tier := map[string]string{
		"loadbalancer": "front door", "webapi": "front door",
		"electric-moray": "metadata", "moray": "metadata", "postgres": "metadata", "buckets-mdapi": "metadata", "buckets-mdplacement": "metadata",
		"storage": "storage", "storinfo": "storage", "garbage-collector": "storage", "rebalancer": "storage",
		"zookeeper": "coordination", "binder": "coordination",
		"mahi": "auth",
	}
	count := map[string]int{}
	for id, s := range pool {
		if w := scenario.Revealing(id); w != "" {
			t.Errorf("%s: the id gives away %q", id, w)
		}
		tr, ok := tier[s.Components[0]]
		if !ok {
			t.Errorf("%s: faulted component %q has no tier", id, s.Components[0])
		}
		count[tr]++
	}
	for tr, n := range count {
		if 3*n > len(pool) {
			t.Errorf("tier %s holds %d of %d scenarios, more than a third", tr, n, len(pool))
		}
	}
}
