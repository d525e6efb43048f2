package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// checkScenarios holds every sealed scenario of the pool that the caller's
// identity opens to the rules a scenario can still be read without (the
// Manta versions it applies to, components that have pages). Without an
// identity it checks nothing: the leak step already says so.
func checkScenarios(r *checkRun) error {
	pool, skipped := poolScenarios(r.project)
	if skipped != "" || len(pool) == 0 {
		return nil
	}
	pages := componentPages(r.project.Content())
	ids := make([]string, 0, len(pool))
	for id := range pool {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	v := r.project.Rel(filepath.Join(r.project.Dir, "vault", "scenarios"))
	for _, id := range ids {
		for _, p := range pool[id].Problems(pages) {
			fmt.Fprintf(r.cmd.OutOrStdout(), "%s: %s\n", filepath.ToSlash(filepath.Join(v, id+".age")), p)
			r.findings++
		}
	}
	return nil
}

// componentPages are the names of the pages in content/components/ (NAME.md
// or NAME/index.md); nil when there is no such directory.
func componentPages(content string) map[string]bool {
	entries, err := os.ReadDir(filepath.Join(content, "components"))
	if err != nil {
		return nil
	}
	out := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir():
			if _, err := os.Stat(filepath.Join(content, "components", name, "index.md")); err == nil {
				out[name] = true
			}
		case strings.HasSuffix(name, ".md") && name != "_index.md":
			out[strings.TrimSuffix(name, ".md")] = true
		}
	}
	return out
}
