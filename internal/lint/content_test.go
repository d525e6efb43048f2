package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"irp/internal/cheatsheet"
	"irp/internal/doc"
	"irp/internal/project"
)

// requiredTools are the cheat-sheets the prep site promises (issue 5): every
// one must exist as content/tools/NAME.md and pass the schema.
var requiredTools = []string{
	"manta-adm", "manta-oneach", "madtom", "marlin-dashboard", "mlive",
	"mlocate", "moray-tools", "mrjob", "pgsqlstat", "moraystat", "mdb-v8",
	"bunyan", "svcs", "ptools", "netstat", "dtrace", "zonememstat", "vfsstat",
	"prstat", "mpstat", "sdc-oneachnode", "muskie-logs",
}

// repoContent reads every Markdown page under the repository's own content/
// directory, found by walking up from the test's working directory.
func repoContent(t *testing.T) (project.Project, map[string][]byte) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	p, err := project.Find(wd)
	if err != nil {
		t.Fatalf("repository root: %v", err)
	}
	pages := map[string][]byte{}
	root := p.Content()
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type().IsRegular() && strings.HasSuffix(path, ".md") {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			pages[filepath.ToSlash(rel)] = src
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", p.Rel(root), err)
	}
	return p, pages
}

// toolProblems returns, for each required tool, what is wrong with its
// cheat-sheet in pages (slash paths relative to content/): missing, not
// parsable, or breaking the schema. A tool with a good page is absent.
func toolProblems(pages map[string][]byte, tools []string) map[string][]string {
	site := cheatsheet.Site{Components: map[string]bool{}, Tools: map[string]bool{}}
	for name := range pages {
		if leaf, ok := leafName(name, "tools"); ok {
			site.Tools[leaf] = true
		}
		if leaf, ok := leafName(name, "components"); ok {
			site.Components[leaf] = true
		}
	}
	out := map[string][]string{}
	for _, tool := range tools {
		name := "tools/" + tool + ".md"
		src, ok := pages[name]
		if !ok {
			out[tool] = []string{"content/" + name + " is missing"}
			continue
		}
		d, err := doc.Parse("content/"+name, src)
		if err != nil {
			out[tool] = []string{err.Error()}
			continue
		}
		for _, pr := range cheatsheet.Check(d, src, site) {
			out[tool] = append(out[tool], Finding{File: "content/" + name, Line: pr.Line, Msg: pr.Msg}.String())
		}
	}
	return out
}

// TestRepositoryContentIsClean runs the linter over the repository's own
// content/ directory, as `irp check` does, and wants no findings.
func TestRepositoryContentIsClean(t *testing.T) {
	p, _ := repoContent(t)
	r, err := Check(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		t.Errorf("%s", f)
	}
	if r.Pages == 0 {
		t.Fatal("no pages found under content/")
	}
	if r.CheatSheets < len(requiredTools) {
		t.Errorf("linter checked %d cheat-sheets, want at least %d", r.CheatSheets, len(requiredTools))
	}
}

// TestEveryToolHasACheatSheet wants a schema-clean page for every tool the
// site promises.
func TestEveryToolHasACheatSheet(t *testing.T) {
	_, pages := repoContent(t)
	probs := toolProblems(pages, requiredTools)
	tools := make([]string, 0, len(probs))
	for tool := range probs {
		tools = append(tools, tool)
	}
	sort.Strings(tools)
	for _, tool := range tools {
		for _, msg := range probs[tool] {
			t.Errorf("%s: %s", tool, msg)
		}
	}
}

// TestToolProblemsCanFail proves the check above is not vacuous: the same
// pages with one cheat-sheet removed, and with one broken, are reported.
func TestToolProblemsCanFail(t *testing.T) {
	_, pages := repoContent(t)
	if _, ok := pages["tools/zonememstat.md"]; !ok {
		t.Skip("content/tools/zonememstat.md is missing (reported by TestEveryToolHasACheatSheet)")
	}
	without := map[string][]byte{}
	for name, src := range pages {
		if name != "tools/zonememstat.md" {
			without[name] = src
		}
	}
	probs := toolProblems(without, requiredTools)
	if msgs := probs["zonememstat"]; len(msgs) != 1 || !strings.Contains(msgs[0], "missing") {
		t.Errorf("removed page: got %q, want one 'missing' problem", msgs)
	}

	broken := map[string][]byte{}
	for name, src := range pages {
		broken[name] = src
	}
	// Dropping the "Reading the output" heading breaks the schema.
	broken["tools/svcs.md"] = []byte(strings.Replace(string(pages["tools/svcs.md"]),
		"## "+cheatsheet.SectionReading, "## Output notes", 1))
	base := toolProblems(pages, requiredTools)
	probs = toolProblems(broken, requiredTools)
	if len(probs["svcs"]) <= len(base["svcs"]) {
		t.Errorf("page without its Reading the output section: got %q, want more than %q", probs["svcs"], base["svcs"])
	}
}
