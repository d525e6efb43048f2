// Package theme holds the default site theme, embedded so that irp-site can
// build a site from a checkout that has no themes/ directory. A themes/irp
// directory on disk takes precedence over this copy.
package theme

import "embed"

// Files is the theme tree (layouts/, assets/, static/, theme.toml, ...)
// rooted at the theme directory. It also holds this Go file, which Hugo
// ignores.
//
//go:embed all:*
var Files embed.FS

// Name is the theme name the embedded copy answers to.
const Name = "irp"
