package session

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"filippo.io/age"

	"irp/internal/atomicfile"
	"irp/internal/config"
	"irp/internal/leak"
	"irp/internal/ledger"
	"irp/internal/people"
	"irp/internal/project"
	"irp/internal/scenario"
	"irp/internal/vault"
)

// Env is the project a session command works in.
type Env struct {
	Project project.Project
	Vault   *vault.Vault
	Params  config.Params
	People  people.Directory
	Now     func() time.Time
}

// Load reads the project's settings, vault and people.toml.
func Load(p project.Project) (*Env, error) {
	params, err := config.Load(p.Config())
	if err != nil {
		return nil, err
	}
	v, err := vault.Load(p)
	if err != nil {
		return nil, err
	}
	dir, err := people.Load(filepath.Join(p.Vault(), "people.toml"))
	if err != nil {
		return nil, err
	}
	return &Env{Project: p, Vault: v, Params: params, People: dir, Now: time.Now}, nil
}

// Open is Load with the clock now, and the session page in dir when dir
// is not "" (a verb's DIR argument, see Read).
func Open(p project.Project, now func() time.Time, dir string) (*Env, *Page, error) {
	env, err := Load(p)
	if err != nil {
		return nil, nil, err
	}
	env.Now = now
	if dir == "" {
		return env, nil, nil
	}
	page, err := env.Read(dir)
	return env, page, err
}

// Sessions is content/sessions.
func (e *Env) Sessions() string { return filepath.Join(e.Project.Content(), "sessions") }

func (e *Env) initials() bool { return e.Params.TeamNames == config.Initials }

// Page is a session page read from disk.
type Page struct {
	Dir  string // the session directory
	Name string // its base name, the session's id in the ledger
	Path string // its index.md
	Rel  string // Path relative to the project, for messages
	Src  []byte
	*Summary
}

// Read finds and parses the session named by arg: its directory (as a path
// or a name under content/sessions) or its index.md.
func (e *Env) Read(arg string) (*Page, error) {
	dir := arg
	if filepath.Base(arg) == "index.md" {
		dir = filepath.Dir(arg)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if alt := filepath.Join(e.Sessions(), filepath.Base(dir)); alt != dir {
			if st, err := os.Stat(alt); err == nil && st.IsDir() {
				dir = alt
			}
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	p := &Page{Dir: abs, Name: filepath.Base(abs), Path: filepath.Join(abs, "index.md")}
	p.Rel = e.Project.Rel(p.Path)
	p.Src, err = os.ReadFile(p.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NoPageError{e.Project.Rel(p.Path)}
	}
	if err != nil {
		return nil, err
	}
	if p.Summary, err = Parse(p.Rel, p.Src); err != nil {
		return nil, err
	}
	return p, nil
}

// ledger reads vault/ledger.jsonl, checking its chain.
func (e *Env) ledger() ([]ledger.Entry, error) {
	return e.Vault.Ledger()
}

// Check returns the warnings about a session's team.
func (e *Env) Check(p *Page) ([]Warning, error) {
	entries, err := e.ledger()
	if err != nil {
		return nil, err
	}
	return Check(p.Summary, p.Name, Record{
		People:        e.People,
		Ledger:        entries,
		Prerequisites: e.Params.Prerequisites,
		Sealed:        e.Vault.Has(p.Scenario),
	}), nil
}

// New plans a session (see New) in this project and updates the feed.
func (e *Env) New(o Options) (*Plan, []error, error) {
	if !e.Vault.Has(o.Scenario) && scenario.ValidID(o.Scenario) {
		return nil, nil, &NotSealedError{o.Scenario, e.Project.Rel(e.Vault.ScenarioFile(o.Scenario))}
	}
	o.Sessions = e.Sessions()
	o.Seal = e.Vault.SealBytes
	// The codename must not be any scenario's id, sealed or retired.
	ids, err := e.Vault.IDs()
	if err != nil {
		return nil, nil, err
	}
	entries, err := e.ledger()
	if err != nil {
		return nil, nil, err
	}
	for _, en := range entries {
		ids = append(ids, en.Scenario)
	}
	o.Avoid = append(o.Avoid, ids...)
	plan, err := New(o)
	if err != nil {
		return nil, nil, err
	}
	bad, err := e.feed()
	return plan, bad, err
}

func (e *Env) feed() ([]error, error) {
	return WriteFeed(e.Sessions(), e.People, e.initials(), e.Now())
}

// RefreshFeed rewrites plans.json and sessions.ics from the plan pages and
// people.toml as they are now, when the project has them: irp build runs
// it, so the Upcoming table follows a change to people.toml.
func (e *Env) RefreshFeed() ([]error, error) {
	if _, err := os.Stat(filepath.Join(e.Sessions(), PlansFile)); err != nil {
		return nil, nil
	}
	return e.feed()
}

// MarkRun records the responders of a held session as having seen its
// scenario and sets its status to run. It returns who was recorded.
func (e *Env) MarkRun(p *Page) ([]string, []error, error) {
	if _, err := e.ledger(); err != nil {
		return nil, nil, err
	}
	switch p.Status {
	case Planned, Run:
	case Published:
		return nil, nil, fmt.Errorf("%s: already published", p.Rel)
	default:
		return nil, nil, fmt.Errorf("%s: status %q is not planned or run", p.Rel, p.Status)
	}
	if !scenario.ValidID(p.Scenario) {
		return nil, nil, fmt.Errorf("%s: scenario %q is not a scenario id", p.Rel, p.Scenario)
	}
	if len(p.Responders) == 0 {
		return nil, nil, fmt.Errorf("%s: responders: nobody listed", p.Rel)
	}
	who, err := RecordSeen(e.Vault.LedgerFile(), p.Summary, p.Name, e.Now())
	if err != nil {
		return nil, nil, err
	}
	if p.Status != Run {
		page, err := SetStatus(p.Summary, p.Src, Run, true)
		if err != nil {
			return who, nil, err
		}
		if err := atomicfile.Write(p.Path, page, 0o644); err != nil {
			return who, nil, err
		}
	}
	bad, err := e.feed()
	return who, bad, err
}

// Run marks session p as held (MarkRun) and says on out who it recorded
// as having seen the scenario, and on warn which pages the calendar feed
// left out.
func (e *Env) Run(out, warn io.Writer, p *Page) error {
	who, bad, err := e.MarkRun(p)
	if err != nil {
		return err
	}
	if len(who) == 0 {
		fmt.Fprintf(out, "%s: already run; the ledger has every responder\n", p.Rel)
	} else {
		fmt.Fprintf(out, "%s: run; recorded %s as having seen %s\n", p.Rel, strings.Join(who, ", "), p.Scenario)
	}
	ReportFeed(warn, bad)
	return nil
}

// Outcome is what Publish did.
type Outcome struct {
	Already bool     // the page was published before; nothing changed
	Synced  int      // timeline and hint entries written from the journals
	Notes   bool     // private notes were sealed to vault/sessions/<dir>.notes.age
	Warn    []string // concerns that do not stop publishing (no status report)
	Seen    []string // responders newly recorded in the ledger
	Retired bool     // the scenario has left the pool: the page links to it
	Bad     []error  // other session pages the feed had to leave out
}

// NoPageError means a directory holds no session page (File is its
// index.md, relative to the project).
type NoPageError struct{ File string }

func (e *NoPageError) Error() string { return e.File + ": no session page here" }

// NotSealedError means a session names a scenario the vault does not hold.
type NotSealedError struct{ ID, File string }

func (e *NotSealedError) Error() string {
	return "scenario " + e.ID + " is not sealed in the vault (" + e.File + ")"
}

// ErrNeedIdentity means publish could not open the session's scenario.
var ErrNeedIdentity = errors.New("publishing checks the hint rungs and looks for sealed text in the page, which needs an identity that opens the scenario")

// Publish validates a session's summary and, when it is clean, records the
// responders in the ledger, writes team.json and flips the page to
// published. When instigators kept journals (irp session console, mark,
// hint), what they recorded is merged into the page first and their
// private notes sealed. Problems leave every file as it was.
func (e *Env) Publish(p *Page, ids []age.Identity) (*Outcome, []Problem, error) {
	entries, err := e.ledger()
	if err != nil {
		return nil, nil, err
	}
	res := &Outcome{Retired: !vault.InPool(entries, p.Scenario)}
	var played Played
	if len(ids) > 0 && !(p.Status == Published && !p.Draft) {
		if played, err = e.Played(p, ids); err != nil {
			return nil, nil, err
		}
		if played.Recorded() {
			if p, err = e.sync(p, played); err != nil {
				return nil, nil, err
			}
			res.Synced = len(played.Timeline) + len(played.Hints)
		}
	}
	facts := Facts{Retired: res.Retired, Now: e.Now()}
	sealed := map[string]*scenario.Scenario{}
	if p.validScenario() {
		s, all, err := e.openScenarios(p.Scenario, ids, res.Retired)
		if err != nil {
			return nil, nil, err
		}
		facts.Ladder, facts.Title = s.Hints, s.Title
		sealed = all
	}
	for id := range sealed {
		if !vault.InPool(entries, id) {
			delete(sealed, id) // public on the site already
		}
	}
	impact := filepath.Join(p.Dir, "impact.json")
	if b, err := os.ReadFile(impact); err == nil {
		facts.Impact, facts.ImpactName = b, e.Project.Rel(impact)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	probs := Validate(p.Summary, facts)
	findings, err := e.leaks(p, sealed, res.Synced > 0)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range findings {
		msg := "a private key: remove it"
		if f.Kind == leak.SealedText {
			msg = fmt.Sprintf("text from the sealed scenario %s (section %s): say it in your own words or leave it out", f.Scenario, f.Section)
		}
		probs = append(probs, Problem{File: e.Project.Rel(f.File), Line: f.Line, Msg: msg})
	}
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].File != probs[j].File {
			return probs[i].File < probs[j].File
		}
		return probs[i].Line < probs[j].Line
	})
	if len(probs) > 0 {
		return nil, probs, nil
	}
	if w := e.cadence(p.Summary); w != "" {
		res.Warn = append(res.Warn, w)
	}
	if p.Status == Published && !p.Draft {
		res.Already = true
		return res, nil, nil
	}
	page, err := SetStatus(p.Summary, p.Src, Published, false)
	if err != nil {
		return nil, nil, err
	}
	if res.Seen, err = RecordSeen(e.Vault.LedgerFile(), p.Summary, p.Name, e.Now()); err != nil {
		return nil, nil, err
	}
	if err := WriteJSON(filepath.Join(p.Dir, "team.json"), TeamOf(p.Summary, e.People, e.initials())); err != nil {
		return nil, nil, err
	}
	if err := e.sealNotes(p, played); err != nil {
		return nil, nil, err
	}
	res.Notes = len(played.Private) > 0
	if err := atomicfile.Write(p.Path, page, 0o644); err != nil {
		return nil, nil, err
	}
	res.Bad, err = e.feed()
	return res, nil, err
}

// leaks runs the leak check over the session's directory; when the page
// was changed in memory (journals merged), over that version of it.
func (e *Env) leaks(p *Page, sealed map[string]*scenario.Scenario, changed bool) ([]leak.Finding, error) {
	if !changed {
		return leak.Check(sealed, []string{p.Dir})
	}
	tmp, err := os.MkdirTemp("", "irp-publish-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	staged := filepath.Join(tmp, "index.md")
	if err := os.WriteFile(staged, p.Src, 0o600); err != nil {
		return nil, err
	}
	found, err := leak.Check(sealed, []string{p.Dir, tmp})
	var out []leak.Finding
	for _, f := range found {
		switch f.File {
		case p.Path: // superseded by the merged version
		case staged:
			f.File = p.Path
			out = append(out, f)
		default:
			out = append(out, f)
		}
	}
	return out, err
}

// openScenarios opens the session's scenario (from the site when it is
// retired and published there) and every other sealed scenario the
// identities open, for the leak check.
func (e *Env) openScenarios(id string, ids []age.Identity, retired bool) (*scenario.Scenario, map[string]*scenario.Scenario, error) {
	all := map[string]*scenario.Scenario{}
	if len(ids) > 0 {
		if got, err := e.Vault.OpenAll(ids); err == nil {
			all = got
		}
	}
	s := all[id]
	if s == nil && retired {
		for _, name := range []string{id + ".md", filepath.Join(id, "index.md")} {
			path := filepath.Join(filepath.Dir(vault.RetiredPage(e.Project, id)), name)
			if src, err := os.ReadFile(path); err == nil {
				if got, err := scenario.Parse(e.Project.Rel(path), src); err == nil {
					s = got
					break
				}
			}
		}
	}
	if s == nil && len(ids) > 0 {
		got, err := e.Vault.Open(id, ids)
		if err != nil {
			return nil, nil, err
		}
		s = got
		all[id] = s
	}
	if s == nil {
		return nil, nil, ErrNeedIdentity
	}
	return s, all, nil
}
