package build

import (
	"os"
	"path/filepath"

	toml "github.com/pelletier/go-toml/v2"

	"irp/internal/project"
)

// themeName is the theme whose render-link hook checks every internal link
// and its anchor as the page renders, failing the build at file and line
// (themes/irp/layouts/_markup/render-link.html).
const themeName = "irp"

// linksRendered reports whether the site build checks p's links itself:
// p uses the irp theme and does not replace its render-link hook. The lint
// beside the build then leaves links alone (lint.Options.LinksRendered)
// instead of parsing every page a second time to find them.
func linksRendered(p project.Project) bool {
	b, err := os.ReadFile(p.Config())
	if err != nil {
		return false
	}
	var cfg struct {
		Theme any `toml:"theme"`
	}
	if toml.Unmarshal(b, &cfg) != nil {
		return false
	}
	uses := false
	switch t := cfg.Theme.(type) {
	case string:
		uses = t == themeName
	case []any:
		for _, v := range t {
			uses = uses || v == themeName
		}
	}
	if !uses {
		return false
	}
	_, err = os.Stat(filepath.Join(p.Dir, "layouts", "_markup", "render-link.html"))
	return os.IsNotExist(err)
}
