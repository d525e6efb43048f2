package build

import (
	"os"
	"path/filepath"
	"testing"

	"irp/internal/project"
)

func TestLinksRendered(t *testing.T) {
	for _, c := range []struct {
		name, config string
		ownHook      bool
		want         bool
	}{
		{"irp theme", "theme = \"irp\"\n", false, true},
		{"in a list", "theme = [\"extra\", \"irp\"]\n", false, true},
		{"own hook", "theme = \"irp\"\n", true, false},
		{"other theme", "theme = \"paper\"\n", false, false},
		{"no theme", "title = \"x\"\n", false, false},
		{"bad config", "theme = \n", false, false},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, project.ConfigFile), []byte(c.config), 0o644); err != nil {
			t.Fatal(err)
		}
		if c.ownHook {
			hook := filepath.Join(dir, "layouts", "_markup", "render-link.html")
			if err := os.MkdirAll(filepath.Dir(hook), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(hook, []byte("<a></a>"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := linksRendered(project.Project{Dir: dir}); got != c.want {
			t.Errorf("%s: linksRendered = %v, want %v", c.name, got, c.want)
		}
	}
}
