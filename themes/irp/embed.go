// Package theme holds the default site theme, embedded so that irp-site can
// build a site from a checkout that has no themes/ directory. A themes/irp
// directory on disk takes precedence over this copy.
package theme

import "embed"

// Files is the theme tree rooted at the theme directory. Each directory
// named here must hold at least one file (empty subdirectories are fine):
// static/.nojekyll (useful on GitHub Pages) and assets/.keep make sure of
// that. A theme directory Hugo reads that is not listed here (i18n/, data/,
// archetypes/) has to be added to this list.
//
//go:embed all:layouts all:static all:assets all:content theme.toml
var Files embed.FS

// Name is the theme name the embedded copy answers to.
const Name = "irp"
