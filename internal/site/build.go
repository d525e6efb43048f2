package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/bep/logg"
	"github.com/bep/overlayfs"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/common/types"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"
	"github.com/spf13/fsync"

	theme "irp/themes/irp"
)

// Options says what to build and where.
type Options struct {
	Source  string // project directory, the one holding config.toml
	Dest    string // publish directory; default <Source>/public
	BaseURL string // overrides baseURL from config.toml
	Drafts  bool   // include drafts

	// Stage renders into a new directory beside Dest (Result.Staged) and
	// leaves Dest alone; Publish or Discard finishes (irp build).
	Stage bool
	// InMemory renders into memory instead of Dest (used by serve).
	InMemory bool
	// Development selects Hugo's "development" environment (serve).
	Development bool
	// DeferIndex leaves the search index out of Build, for WriteIndex to
	// write afterwards: the preview server shows an edited page first.
	DeferIndex bool

	// Warnings receives Hugo's warnings, one line each; nil discards them.
	Warnings io.Writer

	// IndexHeadroom, when above 0, has a one-shot build make its search
	// index with the garbage collector off, under a memory limit that
	// fraction above what the process holds when the render is done
	// (Site.indexBudget); irp-site sets 0.15 unless GOGC or GOMEMLIMIT
	// is set.
	IndexHeadroom float64
}

// Result describes a finished build.
type Result struct {
	Pages  int    // pages rendered (all kinds)
	Dest   string // absolute publish directory ("" when in memory)
	Staged string // where a staged build is, to Publish into Dest
	// Suspects are the files of a staged build that may hold a private key
	// (see watchFs): the only ones a key check needs to read.
	Suspects    []string
	IndexDocs   int  // entries in the search index
	IndexBytes  int  // size of search-index.js
	GitDisabled bool // enableGitInfo was turned off: no git checkout here
}

// Site is a loaded project that can be built, and rebuilt after changes.
type Site struct {
	opts  Options
	dir   string   // absolute project directory
	dest  string   // absolute publish directory (or "/public" in memory)
	stage string   // staging directory Hugo writes to, "" when not staging
	watch *watchFs // what a staged build is written through
	h     *hugolib.HugoSites
	fs    *hugofs.Fs
	log   *logCollector
	noGit bool
	built bool
	// sections caches split page content between rebuilds (serve).
	sections sectionCache
	// once is a build that is not followed by another (Build): Hugo is let
	// go as soon as the search index has read the pages, so that the
	// index is made in the memory the pages took.
	once bool
	// visited are the pages a browser asked for (serve's fast render).
	visited *types.EvictingQueue[string]
}

// Build loads the project and builds it once. A staged build that fails
// is discarded.
func Build(opts Options) (Result, error) {
	s, err := Load(opts)
	if err != nil {
		return Result{}, err
	}
	s.once = true
	res, err := s.Build()
	if err != nil && s.stage != "" {
		_ = Discard(s.stage)
	}
	return res, err
}

// Load reads config.toml, sets up the file systems (with the embedded theme
// under the real disk) and prepares Hugo, without building anything yet.
func Load(opts Options) (*Site, error) {
	dir := opts.Source
	if dir == "" {
		dir = "."
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cfgFile := filepath.Join(dir, "config.toml")
	raw, err := os.ReadFile(cfgFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if _, serr := os.Stat(dir); serr != nil {
				return nil, fmt.Errorf("%s: no such directory", opts.Source)
			}
			return nil, fmt.Errorf("%s: not found (run irp in the project directory, or pass --source)", filepath.Join(opts.Source, "config.toml"))
		}
		return nil, err
	}
	var top map[string]any
	if err := toml.Unmarshal(raw, &top); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			return nil, fmt.Errorf("config.toml:%d: %s", line, de.Error())
		}
		return nil, fmt.Errorf("config.toml: %v", err)
	}

	dest := opts.Dest
	if opts.InMemory {
		dest = "/public"
	} else {
		if dest == "" {
			dest = "public"
			if p, ok := top["publishDir"].(string); ok && p != "" {
				dest = p
			}
			if !filepath.IsAbs(dest) {
				dest = filepath.Join(dir, dest)
			}
		} else if dest, err = filepath.Abs(dest); err != nil {
			return nil, err
		}
		parent := filepath.Dir(dest)
		if st, err := os.Stat(parent); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--dest %s: parent directory %s does not exist", opts.Dest, parent)
		}
		if st, err := os.Stat(dest); err == nil && !st.IsDir() {
			return nil, fmt.Errorf("--dest %s: not a directory", opts.Dest)
		}
	}
	publishDir := dest
	if opts.Stage && !opts.InMemory {
		// A dest that is a symlink is published through: the link stays
		// and its target gets the new site.
		if real, err := filepath.EvalSymlinks(dest); err == nil {
			dest = real
		}
		if publishDir, err = newStage(dest); err != nil {
			return nil, err
		}
	}
	s, err := load(opts, dir, cfgFile, top, dest, publishDir)
	if err != nil && publishDir != dest {
		_ = Discard(publishDir)
	}
	return s, err
}

func load(opts Options, dir, cfgFile string, top map[string]any, dest, publishDir string) (*Site, error) {

	srcFs, err := sourceFs(dir, top)
	if err != nil {
		return nil, err
	}
	contentDir := "content"
	if c, ok := top["contentDir"].(string); ok && c != "" {
		contentDir = c
	}
	if !filepath.IsAbs(contentDir) {
		contentDir = filepath.Join(dir, contentDir)
	}
	srcFs = newTitleFs(srcFs, contentDir)

	cacheDir, err := os.UserCacheDir()
	if err != nil {
		cacheDir = os.TempDir()
	}
	cacheDir = filepath.Join(cacheDir, "irp", "hugo")

	noGit := false
	if b, _ := top["enableGitInfo"].(bool); b && !hasGit(dir) {
		noGit = true
	}

	flags := config.New()
	flags.Set("workingDir", dir)
	flags.Set("publishDir", publishDir)
	flags.Set("cacheDir", cacheDir)
	flags.Set("resourceDir", filepath.Join(cacheDir, "resources", projectKey(dir)))
	flags.Set("noBuildLock", true)
	flags.Set("ignoreFiles", ignoreFiles(top))
	if opts.BaseURL != "" {
		flags.Set("baseURL", opts.BaseURL)
	}
	if opts.Drafts {
		flags.Set("buildDrafts", true)
	}
	if noGit {
		flags.Set("enableGitInfo", false)
	}
	if !rawHTMLSet(top) {
		// Raw HTML in content is rendered as written (README, "Raw HTML
		// in content"), unless config.toml says otherwise.
		flags.Set("markup.goldmark.renderer.unsafe", true)
	}
	env := "production"
	if opts.Development {
		env = "development"
	}
	flags.Set("environment", env)
	if opts.InMemory {
		// Fast render, as hugo server: after an edit only the pages a
		// browser has visited are rendered again; another page is
		// rendered when it is asked for (RenderOnVisit).
		flags.Set("internal", map[string]any{"running": true, "watch": true, "fastRenderMode": true})
		// serve pushes reloads itself (Server-Sent Events).
		flags.Set("disableLiveReload", true)
	}

	lc := &logCollector{dir: dir, warn: opts.Warnings}
	logger := loggers.New(loggers.Options{
		Level:         logg.LevelWarn,
		StdOut:        io.Discard,
		StdErr:        io.Discard,
		DistinctLevel: logg.LevelWarn,
		HandlerPost:   lc.handle,
	})

	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:          srcFs,
		Logger:      logger,
		Flags:       flags,
		Filename:    cfgFile,
		Environment: env,
		Environ:     cleanEnviron(),
	})
	if err != nil {
		return nil, lc.clean(err)
	}

	var dstFs afero.Fs = hugofs.Os
	var watch *watchFs
	switch {
	case opts.InMemory:
		dstFs = afero.NewMemMapFs()
	case publishDir != dest:
		watch = newWatchFs(hugofs.Os)
		dstFs = watch
	}
	hfs := hugofs.NewFromSourceAndDestination(srcFs, dstFs, flags)

	h, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs: configs,
		Fs:      hfs,
		// Named for tests, but it is the only way to hand Hugo our own
		// logger, which collects errors and formats warnings.
		TestLogger: logger,
		LogLevel:   logg.LevelWarn,
		StdOut:     io.Discard,
		StdErr:     io.Discard,
	})
	if err != nil {
		return nil, lc.clean(err)
	}
	s := &Site{opts: opts, dir: dir, dest: dest, h: h, fs: hfs, log: lc, noGit: noGit, watch: watch}
	if publishDir != dest {
		s.stage = publishDir
	}
	if opts.InMemory {
		s.visited = types.NewEvictingQueue[string](100)
	}
	return s, nil
}

// Dir is the absolute project directory.
func (s *Site) Dir() string { return s.dir }

// PublishFs is the file system the site is written to, rooted at the
// publish directory.
func (s *Site) PublishFs() afero.Fs { return s.fs.PublishDir }

// Build renders the site (all of it the first time, then only what the
// events touch), copies static files and writes the search index.
func (s *Site) Build(events ...fsnotify.Event) (Result, error) {
	s.log.reset()
	start := time.Now()
	if !s.built && !s.opts.InMemory && s.stage == "" {
		if err := cleanDest(s.dest); err != nil {
			return Result{}, err
		}
	}
	var (
		wg        sync.WaitGroup
		staticErr error
	)
	if !s.built || touchesStatic(events) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			staticErr = s.copyStatic()
		}()
	}
	cfg := hugolib.BuildCfg{NoBuildLock: true}
	if s.opts.InMemory {
		cfg.RecentlyTouched = s.visited
	}
	err := s.h.Build(cfg, events...)
	wg.Wait()
	s.log.flushRawHTML()
	if errs := s.log.errors(); len(errs) > 0 {
		return Result{}, &BuildError{Lines: errs}
	}
	if err != nil {
		return Result{}, s.log.clean(err)
	}
	if staticErr != nil {
		return Result{}, fmt.Errorf("copying static files: %w", staticErr)
	}
	s.built = true

	res := Result{GitDisabled: s.noGit}
	if !s.opts.InMemory {
		res.Dest, res.Staged = s.dest, s.stage
	}
	for _, site := range s.h.Sites {
		res.Pages += len(site.Pages())
	}
	if os.Getenv("IRP_SITE_TIMINGS") != "" {
		fmt.Fprintf(os.Stderr, "irp-site: hugo %v\n", time.Since(start).Round(time.Millisecond))
	}
	if !s.opts.DeferIndex {
		if res.IndexDocs, res.IndexBytes, err = s.WriteIndex(); err != nil {
			return Result{}, err
		}
	}
	if s.watch != nil {
		res.Suspects = s.watch.Suspects()
	}
	return res, nil
}

// RenderOnVisit renders the page at the site-relative URL path again, when
// it is not among the pages rendered after each edit (fast render: the
// preview server calls it for each page a browser asks for). It reports
// whether it rendered.
func (s *Site) RenderOnVisit(urlPath string) (bool, error) {
	urlPath = strings.TrimSuffix(urlPath, "index.html")
	if !s.built || !s.NeedsRender(urlPath) {
		return false, nil
	}
	one := types.NewEvictingQueue[string](1)
	one.Add(urlPath)
	s.log.reset()
	err := s.h.Build(hugolib.BuildCfg{NoBuildLock: true, RecentlyTouched: one, PartialReRender: true})
	if errs := s.log.errors(); len(errs) > 0 {
		return false, &BuildError{Lines: errs}
	}
	if err != nil {
		return false, s.log.clean(err)
	}
	s.visited.Add(urlPath)
	return true, nil
}

// NeedsRender reports whether RenderOnVisit would render the page at the
// URL path (a cheap check, safe during a build).
func (s *Site) NeedsRender(urlPath string) bool {
	urlPath = strings.TrimSuffix(urlPath, "index.html")
	return s.visited != nil && strings.HasSuffix(urlPath, "/") && !s.visited.Contains(urlPath)
}

// WriteIndex writes the search index of the last build: its entries and
// bytes. Build does it, unless Options.DeferIndex.
func (s *Site) WriteIndex() (docs, bytes int, err error) {
	t0 := time.Now()
	idx, err := s.writeSearchIndex()
	if err != nil {
		return 0, 0, fmt.Errorf("search index: %w", err)
	}
	if os.Getenv("IRP_SITE_TIMINGS") != "" {
		fmt.Fprintf(os.Stderr, "irp-site: search index %v (%d entries, %d bytes)\n",
			time.Since(t0).Round(time.Millisecond), idx.docs, idx.bytes)
	}
	return idx.docs, idx.bytes, nil
}

// cleanDest empties a publish directory that an earlier build wrote (it
// holds the search index), so pages deleted from content/ do not linger.
// A directory without that mark is left alone.
func cleanDest(dest string) error {
	if _, err := os.Stat(filepath.Join(dest, IndexFile)); err != nil {
		return nil
	}
	ents, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if err := os.RemoveAll(filepath.Join(dest, e.Name())); err != nil {
			return fmt.Errorf("cleaning %s: %w", dest, err)
		}
	}
	return nil
}

func touchesStatic(events []fsnotify.Event) bool {
	for _, e := range events {
		p := filepath.ToSlash(e.Name)
		if strings.Contains(p, "/static/") || strings.HasSuffix(p, "/static") {
			return true
		}
	}
	return false
}

// copyStatic copies the union of the static dirs (project over theme) into
// the publish dir, as Hugo's CLI does outside hugolib.
func (s *Site) copyStatic() error {
	for _, sfs := range s.h.BaseFs.SourceFilesystems.Static {
		syncer := fsync.NewSyncer()
		syncer.NoTimes = s.h.Configs.Base.NoTimes
		syncer.NoChmod = true
		syncer.SrcFs = sfs.Fs
		syncer.DestFs = s.fs.PublishDirStatic
		target := string(filepath.Separator)
		if sfs.PublishFolder != "" {
			target = filepath.Join(target, sfs.PublishFolder)
		}
		if err := syncer.Sync(target, string(filepath.Separator)); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return err
		}
	}
	return nil
}

// sourceFs returns the disk, with the embedded theme mounted under it at
// <themesDir>/irp when the configured theme is not on disk.
func sourceFs(dir string, top map[string]any) (afero.Fs, error) {
	var names []string
	switch t := top["theme"].(type) {
	case string:
		if t != "" {
			names = append(names, t)
		}
	case []any:
		for _, v := range t {
			if s, ok := v.(string); ok {
				names = append(names, s)
			}
		}
	}
	themesDir := "themes"
	if td, ok := top["themesDir"].(string); ok && td != "" {
		themesDir = td
	}
	if !filepath.IsAbs(themesDir) {
		themesDir = filepath.Join(dir, themesDir)
	}
	useEmbedded := false
	for _, name := range names {
		if st, err := os.Stat(filepath.Join(themesDir, name)); err == nil && st.IsDir() {
			continue
		}
		if name == theme.Name {
			useEmbedded = true
			continue
		}
		return nil, fmt.Errorf("config.toml: unknown theme %q: no directory %s and the only built-in theme is %q",
			name, rel(dir, filepath.Join(themesDir, name)), theme.Name)
	}
	if !useEmbedded {
		return hugofs.Os, nil
	}
	mem := afero.NewMemMapFs()
	root := filepath.Join(themesDir, theme.Name)
	err := fs.WalkDir(theme.Files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(root, filepath.FromSlash(p))
		if d.IsDir() {
			return mem.MkdirAll(target, 0o755)
		}
		if strings.HasSuffix(p, ".go") {
			return nil
		}
		b, err := theme.Files.ReadFile(p)
		if err != nil {
			return err
		}
		return afero.WriteFile(mem, target, b, 0o644)
	})
	if err != nil {
		return nil, fmt.Errorf("embedded theme: %w", err)
	}
	return overlayfs.New(overlayfs.Options{Fss: []afero.Fs{hugofs.Os, mem}, FirstWritable: true}), nil
}

// hasGit reports whether dir is inside a git work tree with at least one
// commit and a git binary to read it, which Hugo's enableGitInfo needs.
func hasGit(dir string) bool {
	git, err := exec.LookPath("git")
	if err != nil {
		return false
	}
	cmd := exec.Command(git, "-C", dir, "rev-parse", "--verify", "-q", "HEAD")
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0")
	return cmd.Run() == nil
}

// cleanEnviron is the process environment without HUGO* variables, so a
// stray setting in the user's shell does not change the build.
func cleanEnviron() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(strings.ToUpper(kv), "HUGO") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func projectKey(dir string) string {
	var h uint32 = 2166136261
	for i := 0; i < len(dir); i++ {
		h ^= uint32(dir[i])
		h *= 16777619
	}
	return fmt.Sprintf("%s-%08x", filepath.Base(dir), h)
}

func rel(dir, p string) string {
	if r, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}

// rawHTMLSet reports whether config.toml sets
// markup.goldmark.renderer.unsafe, Hugo's switch for raw HTML in content.
func rawHTMLSet(top map[string]any) bool {
	var m any = top
	for _, k := range []string{"markup", "goldmark", "renderer"} {
		mm, ok := m.(map[string]any)
		if !ok {
			return false
		}
		m = mm[k]
	}
	r, ok := m.(map[string]any)
	if !ok {
		return false
	}
	_, set := r["unsafe"]
	return set
}

// neverPublished are content files only the instigators read: a session's
// timeline drafted from the chat (irp session import-chat) may quote it.
var neverPublished = []string{`(^|/)timeline\.draft\.toml$`}

// ignoreFiles adds neverPublished to the site's own ignoreFiles.
func ignoreFiles(top map[string]any) []string {
	var out []string
	switch l := top["ignoreFiles"].(type) {
	case []any:
		for _, v := range l {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
	case []string:
		out = append(out, l...)
	case string:
		out = append(out, l)
	}
	return append(out, neverPublished...)
}
