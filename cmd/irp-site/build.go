package main

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"irp/internal/site"
)

// runBuild builds the site. With --hold (how irp build runs it) the build
// is staged and published only when irp says so (site.BuildHeld).
func runBuild(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o site.Options
	var hold bool
	fl := newFlags("build")
	fl.StringVar(&o.Source, "source", ".", "project directory (holds config.toml)")
	fl.StringVar(&o.Dest, "dest", "", "publish directory (default public/)")
	fl.StringVar(&o.BaseURL, "base-url", "", "base URL of the published site")
	fl.BoolVar(&o.Drafts, "drafts", false, "include draft pages")
	fl.BoolVar(&hold, "hold", false, "stage the build and publish it only when stdin says publish")
	if code, ok := parse(fl, "build", args, stdout, stderr); !ok {
		return code
	}
	if o.BaseURL != "" {
		if u, err := url.Parse(o.BaseURL); err != nil || (u.Scheme == "" && !strings.HasPrefix(o.BaseURL, "/")) ||
			(u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
			fmt.Fprintf(stderr, "irp: build: --base-url %q: want an http(s) URL or a path starting with /\n", o.BaseURL)
			return 2
		}
	}
	o.Warnings = prefixWriter{w: stderr, prefix: "irp: build: "}
	// Hugo renders with Go's default GC (a higher GOGC there raises the
	// peak by half); the search index is made after it with the GC off,
	// under a limit 15% above what the render left, which it seldom
	// reaches. GOGC or GOMEMLIMIT in the environment wins throughout.
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		o.IndexHeadroom = 0.15
	}
	tty := site.IsTerminal(stderr)
	if tty {
		fmt.Fprint(stderr, "building the site…")
	}
	var res site.Result
	var err error
	if hold {
		res, err = site.BuildHeld(o, stdin, stdout)
	} else {
		res, err = site.Build(o)
	}
	if tty {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if errors.Is(err, site.ErrNotPublished) {
		return 1 // irp said why
	}
	if err != nil {
		printErr(stderr, "build", err)
		return 1
	}
	shown := res.Dest
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, res.Dest); err == nil && !strings.HasPrefix(r, "..") {
			shown = r
		}
	}
	fmt.Fprintf(stdout, "built %d pages into %s%c — open %s\n", res.Pages, shown, filepath.Separator, fileURL(filepath.Join(res.Dest, "index.html")))
	return 0
}

func fileURL(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file://" + p
}

func printErr(stderr io.Writer, verb string, err error) {
	for _, l := range site.ErrorLines(err) {
		fmt.Fprintf(stderr, "irp: %s: %s\n", verb, l)
	}
}
