package site

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/herrors"
)

// BuildError is a failed build with one line per problem, each naming the
// file (relative to the project) and line where one is known.
type BuildError struct {
	Lines []string
}

func (e *BuildError) Error() string { return strings.Join(e.Lines, "\n") }

// logCollector receives Hugo's log entries: errors are kept to report,
// warnings go to the warning writer.
type logCollector struct {
	dir  string
	warn io.Writer

	mu      sync.Mutex
	errs    []string
	seen    map[string]bool
	rawHTML map[string]bool // pages whose raw HTML Hugo left out
}

func (c *logCollector) reset() {
	c.mu.Lock()
	c.errs = nil
	c.seen = nil
	c.rawHTML = nil
	c.mu.Unlock()
}

// rawHTMLOmitted is Hugo's warning, once per page, when it leaves raw HTML
// out (markup.goldmark.renderer.unsafe = false); it points at Hugo's
// settings. The pages are said once per build instead (flushRawHTML).
var rawHTMLOmitted = regexp.MustCompile(`^Raw HTML omitted while rendering "?([^";]+)"?;`)

// flushRawHTML writes one warning naming the pages whose raw HTML was
// left out in this build, if any.
func (c *logCollector) flushRawHTML() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.rawHTML) == 0 || c.warn == nil {
		return
	}
	files := make([]string, 0, len(c.rawHTML))
	for f := range c.rawHTML {
		files = append(files, f)
	}
	sort.Strings(files)
	fmt.Fprintf(c.warn, "warning: raw HTML left out of %d page(s), as config.toml sets markup.goldmark.renderer.unsafe = false: %s\n", len(files), strings.Join(files, ", "))
	c.rawHTML = nil
}

func (c *logCollector) handle(e *logg.Entry) error {
	msg := c.tidy(e.Message)
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case e.Level >= logg.LevelError:
		if c.seen == nil {
			c.seen = map[string]bool{}
		}
		if !c.seen[msg] {
			c.seen[msg] = true
			c.errs = append(c.errs, msg)
		}
	case e.Level == logg.LevelWarn:
		if m := rawHTMLOmitted.FindStringSubmatch(msg); m != nil {
			if c.rawHTML == nil {
				c.rawHTML = map[string]bool{}
			}
			c.rawHTML[m[1]] = true
			return nil
		}
		if c.warn != nil {
			fmt.Fprintf(c.warn, "warning: %s\n", msg)
		}
	}
	return nil
}

func (c *logCollector) errors() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := append([]string(nil), c.errs...)
	sort.Strings(out)
	return out
}

var (
	quotedPath  = regexp.MustCompile(`"(/[^"]+?)(:\d+(:\d+)?)?"`)
	hugoNoise   = regexp.MustCompile(`^(error building site: )?(process: )?(assemble: )?(render: )?(failed to render pages: )?`)
	spaces      = regexp.MustCompile(`\s+`)
	pageMeta    = regexp.MustCompile(`^failed to create page from pageMetaSource \S+: `)
	yamlContext = regexp.MustCompile(`\s+>\s+\d+\s+\|.*$`)
)

// tidy turns a Hugo message into one line with project-relative paths.
func (c *logCollector) tidy(msg string) string {
	msg = quotedPath.ReplaceAllStringFunc(msg, func(m string) string {
		sub := quotedPath.FindStringSubmatch(m)
		return rel(c.dir, sub[1]) + sub[2]
	})
	if c.dir != "" {
		msg = strings.ReplaceAll(msg, c.dir+string(filepath.Separator), "")
	}
	msg = hugoNoise.ReplaceAllString(msg, "")
	msg = spaces.ReplaceAllString(strings.TrimSpace(msg), " ")
	return msg
}

// clean turns an error returned by Hugo into one line naming the file.
func (c *logCollector) clean(err error) error {
	if err == nil {
		return nil
	}
	var fe herrors.FileError
	if errors.As(err, &fe) {
		pos := fe.Position()
		if pos.Filename != "" {
			cause := herrors.Cause(err)
			if cause == nil {
				cause = err
			}
			why := c.tidy(cause.Error())
			loc := rel(c.dir, pos.Filename)
			if pos.LineNumber > 0 {
				loc = fmt.Sprintf("%s:%d", loc, pos.LineNumber)
			}
			// Hugo's cause often repeats the location; keep it once.
			why = pageMeta.ReplaceAllString(why, "")
			why = regexp.MustCompile(`^"?`+regexp.QuoteMeta(rel(c.dir, pos.Filename))+`(:\d+)*"?: `).ReplaceAllString(why, "")
			why = strings.Replace(why, "unmarshal failed: ", "front matter: ", 1)
			why = yamlContext.ReplaceAllString(why, "")
			return &BuildError{Lines: []string{loc + ": " + why}}
		}
	}
	return &BuildError{Lines: []string{c.tidy(err.Error())}}
}
