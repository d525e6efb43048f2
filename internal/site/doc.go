// Package site is irp's site engine: it builds the prep site with Hugo as
// a library and the embedded theme, writes the search index, stages and
// publishes a build, and serves a live-reloading preview. Its command line
// is cmd/irp-site.
package site
