package vault

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"irp/internal/project"
	"irp/internal/scenario"
)

// PoolProblems holds the opened scenarios of the pool to the rules a
// scenario can still be read without (scenario.Problems): the Manta
// versions it applies to, pinned sources, components that are pages in
// p's content/components/, and no scaffold text left (Unfinished).
// Problems come sorted by scenario.
func PoolProblems(p project.Project, pool map[string]*scenario.Scenario) []Problem {
	pages := ComponentPages(p)
	ids := make([]string, 0, len(pool))
	for id := range pool {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []Problem
	for _, id := range ids {
		file := filepath.ToSlash(p.Rel(filepath.Join(p.Dir, "vault", "scenarios", id+".age")))
		for _, msg := range pool[id].Problems(pages) {
			out = append(out, Problem{File: file, Msg: msg})
		}
		for _, msg := range pool[id].Unfinished() {
			out = append(out, Problem{File: file, Msg: "unfinished: " + msg + " (irp vault edit " + id + ")"})
		}
	}
	return out
}

// ComponentPages are the names of the pages in content/components/
// (NAME.md or NAME/index.md); nil when there is no such directory.
func ComponentPages(p project.Project) map[string]bool {
	dir := filepath.Join(p.Content(), "components")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	out := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir():
			if _, err := os.Stat(filepath.Join(dir, name, "index.md")); err == nil {
				out[name] = true
			}
		case strings.HasSuffix(name, ".md") && name != "_index.md":
			out[strings.TrimSuffix(name, ".md")] = true
		}
	}
	return out
}
