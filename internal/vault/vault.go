// Package vault keeps practice scenarios sealed with age in the repository:
// vault/recipients says who can read, vault/scenarios/ID.age holds each
// scenario as ASCII-armored age that the stock age CLI can decrypt.
package vault

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"

	"irp/internal/atomicfile"
	"irp/internal/doc"
	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/scenario"
)

// Vault is the vault/ directory of a project.
type Vault struct {
	Project    project.Project
	Dir        string      // vault/
	Recipients []Recipient // from vault/recipients, in file order
	HasFile    bool        // vault/recipients exists
}

// ErrNoKey means none of the given identities can open a file; the error
// is a *NoKeyError that names the file.
var ErrNoKey = errors.New("no identity can open it")

// NoKeyError means none of the given identities can open File (relative
// to the project). It matches ErrNoKey.
type NoKeyError struct{ File string }

func (e *NoKeyError) Error() string        { return e.File + ": " + ErrNoKey.Error() }
func (e *NoKeyError) Is(target error) bool { return target == ErrNoKey }

// DamagedError means a file is not a readable age file, or its content does
// not belong where it is (renamed or swapped).
type DamagedError struct {
	File string // relative to the project
	Why  string
}

func (e *DamagedError) Error() string { return e.File + ": " + e.Why }

// At is the project's vault with its recipients file not read: enough for
// its paths, the ledger and opening files, not for sealing.
func At(p project.Project) *Vault { return &Vault{Project: p, Dir: p.Vault()} }

// Has reports whether scenario id has a sealed file.
func (v *Vault) Has(id string) bool {
	_, err := os.Stat(v.ScenarioFile(id))
	return err == nil
}

// Load reads the project's vault directory and its recipients file.
func Load(p project.Project) (*Vault, error) {
	v := At(p)
	recs, ok, err := readRecipients(v.RecipientsFile(), p.Rel(v.RecipientsFile()))
	if err != nil {
		return nil, err
	}
	v.Recipients, v.HasFile = recs, ok
	return v, nil
}

// RecipientsFile is the path of vault/recipients.
func (v *Vault) RecipientsFile() string { return filepath.Join(v.Dir, "recipients") }

// LedgerFile is the path of vault/ledger.jsonl.
func (v *Vault) LedgerFile() string { return filepath.Join(v.Dir, "ledger.jsonl") }

// ScenarioFile is the path of a scenario's sealed file.
func (v *Vault) ScenarioFile(id string) string {
	return filepath.Join(v.Dir, "scenarios", id+".age")
}

func (v *Vault) rel(path string) string { return v.Project.Rel(path) }

// IDs lists the sealed scenarios' ids, sorted.
func (v *Vault) IDs() ([]string, error) {
	ents, err := os.ReadDir(filepath.Join(v.Dir, "scenarios"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range ents {
		n := e.Name()
		if e.Type().IsRegular() && !strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".age") {
			ids = append(ids, strings.TrimSuffix(n, ".age"))
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// Files lists every sealed file under vault/ (scenarios and other data),
// as names relative to vault/ without .age, sorted.
func (v *Vault) Files() ([]string, error) {
	var names []string
	err := filepath.WalkDir(v.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == v.Dir {
				return fs.SkipDir
			}
			return err
		}
		n := d.Name()
		if d.IsDir() && path != v.Dir && strings.HasPrefix(n, ".") {
			return fs.SkipDir
		}
		if d.Type().IsRegular() && !strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".age") {
			r, _ := filepath.Rel(v.Dir, path)
			names = append(names, strings.TrimSuffix(filepath.ToSlash(r), ".age"))
		}
		return nil
	})
	sort.Strings(names)
	return names, err
}

func (v *Vault) path(name string) string {
	return filepath.Join(v.Dir, filepath.FromSlash(name)+".age")
}

// Open decrypts scenario id in memory and checks that the file really holds
// that scenario.
func (v *Vault) Open(id string, ids []age.Identity) (*scenario.Scenario, error) {
	if !scenario.ValidID(id) {
		return nil, &BadIDError{ID: id}
	}
	env, err := v.openEnvelope("scenarios/"+id, ids)
	if err != nil {
		return nil, err
	}
	return v.parse(id, env)
}

func (v *Vault) parse(id string, env envelope) (*scenario.Scenario, error) {
	rel := v.rel(v.ScenarioFile(id))
	s, err := scenario.Parse(rel, env.payload)
	if err != nil {
		return nil, &DamagedError{rel, "sealed scenario does not parse: " + err.Error()}
	}
	if s.ID != id {
		return nil, &DamagedError{rel, fmt.Sprintf("holds scenario %q, not %q (renamed or swapped)", s.ID, id)}
	}
	s.Revision = env.revision
	return s, nil
}

// OpenSource decrypts scenario id and returns its Markdown as sealed, after
// the same checks as Open that the file holds that scenario (the sealed
// name, and the id in the front matter) but without parsing the body:
// irp vault open prints it as fast as age -d would.
func (v *Vault) OpenSource(id string, ids []age.Identity) ([]byte, error) {
	if !scenario.ValidID(id) {
		return nil, &BadIDError{ID: id}
	}
	env, err := v.openEnvelope("scenarios/"+id, ids)
	if err != nil {
		return nil, err
	}
	rel := v.rel(v.ScenarioFile(id))
	d, err := doc.ParseFrontMatter(rel, env.payload)
	if err != nil {
		return nil, &DamagedError{rel, "sealed scenario does not parse: " + err.Error()}
	}
	if got := d.String("id"); got != id {
		return nil, &DamagedError{rel, fmt.Sprintf("holds scenario %q, not %q (renamed or swapped)", got, id)}
	}
	return env.payload, nil
}

// OpenAll decrypts every sealed scenario.
func (v *Vault) OpenAll(ids []age.Identity) (map[string]*scenario.Scenario, error) {
	list, err := v.IDs()
	if err != nil {
		return nil, err
	}
	out := make(map[string]*scenario.Scenario, len(list))
	for _, id := range list {
		s, err := v.Open(id, ids)
		if err != nil {
			return nil, err
		}
		out[id] = s
	}
	return out, nil
}

// OpenRaw decrypts scenario id and returns its plaintext without checking
// it: the Markdown for files irp sealed, everything for files encrypted
// with the age CLI.
func (v *Vault) OpenRaw(id string, ids []age.Identity) ([]byte, error) {
	if !scenario.ValidID(id) {
		return nil, &BadIDError{ID: id}
	}
	pt, err := v.decrypt(v.ScenarioFile(id), ids)
	if err != nil {
		return nil, err
	}
	if env, err := unmarshalEnvelope(pt); err == nil {
		return env.payload, nil
	}
	return pt, nil
}

// OpenBytes decrypts data sealed with SealBytes.
func (v *Vault) OpenBytes(name string, ids []age.Identity) ([]byte, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	env, err := v.openEnvelope(name, ids)
	if err != nil {
		return nil, err
	}
	return env.payload, nil
}

func (v *Vault) openEnvelope(name string, ids []age.Identity) (envelope, error) {
	path := v.path(name)
	pt, err := v.decrypt(path, ids)
	if err != nil {
		return envelope{}, err
	}
	env, err := unmarshalEnvelope(pt)
	if err != nil {
		return envelope{}, &DamagedError{v.rel(path), err.Error()}
	}
	if env.name != name {
		return envelope{}, &DamagedError{v.rel(path), fmt.Sprintf("holds %s, not %s (renamed or swapped)", env.name, name)}
	}
	return env, nil
}

// decrypt reads an age file (armored or binary) fully into memory.
func (v *Vault) decrypt(path string, ids []age.Identity) ([]byte, error) {
	rel := v.rel(path)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such file", rel)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pt, err := decryptReader(f, ids)
	if errors.Is(err, ErrNoKey) {
		return nil, &NoKeyError{rel}
	}
	var ke *KeyError
	if errors.As(err, &ke) {
		return nil, ke
	}
	if err != nil {
		return nil, &DamagedError{rel, "damaged: " + err.Error()}
	}
	return pt, nil
}

func decryptReader(r io.Reader, ids []age.Identity) ([]byte, error) {
	br := bufio.NewReader(r)
	var src io.Reader = br
	if head, _ := br.Peek(len(armor.Header) + 64); bytes.HasPrefix(bytes.TrimSpace(head), []byte(armor.Header)) {
		src = armor.NewReader(br)
	}
	d, err := age.Decrypt(src, ids...)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			return nil, ErrNoKey
		}
		return nil, err
	}
	pt, err := io.ReadAll(d)
	if err != nil {
		// A damaged file must not yield a partial plaintext.
		return nil, err
	}
	return pt, nil
}

// Put encrypts s, at its revision, to the recipients into
// vault/scenarios/ID.age, replacing any earlier version atomically. Seal
// and Edit decide the revision.
func (v *Vault) Put(s *scenario.Scenario) error {
	if !scenario.ValidID(s.ID) {
		return fmt.Errorf("%q is not a scenario id", s.ID)
	}
	rev := max(s.Revision, 1)
	return v.write("scenarios/"+s.ID, envelope{name: "scenarios/" + s.ID, revision: rev, payload: s.Source}.marshal())
}

// SealBytes encrypts other data (such as session records) to the recipients
// into vault/NAME.age atomically. NAME is a slash-separated path such as
// sessions/2026-11-24-amber-heron.
func (v *Vault) SealBytes(name string, plaintext []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	return v.write(name, envelope{name: name, revision: 1, payload: plaintext}.marshal())
}

func checkName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
		return fmt.Errorf("sealed name %q must be a relative slash-separated path", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." || strings.HasPrefix(part, ".") {
			return fmt.Errorf("sealed name %q has an empty, dot or hidden part", name)
		}
	}
	return nil
}

// write encrypts plaintext to the current recipients into vault/NAME.age.
func (v *Vault) write(name string, plaintext []byte) error {
	ct, err := v.encrypt(plaintext)
	if err != nil {
		return err
	}
	return writeAtomic(v.path(name), ct)
}

func (v *Vault) encrypt(plaintext []byte) ([]byte, error) {
	if len(v.Recipients) == 0 {
		return nil, errNoRecipients
	}
	recs := make([]age.Recipient, len(v.Recipients))
	for i, r := range v.Recipients {
		recs[i] = r.r
	}
	var buf bytes.Buffer
	buf.Grow(len(plaintext)*4/3 + 1024)
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, recs...)
	if err != nil {
		return nil, fmt.Errorf("encrypt: %v", err)
	}
	if _, err := w.Write(plaintext); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if err := aw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var errNoRecipients = errors.New("vault/recipients lists nobody: nothing can be sealed (run irp vault init)")

// writeAtomic replaces path with data: a temp file in the same directory,
// fsync, rename. A crash leaves either the old or the new file whole.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return atomicfile.Write(path, data, 0o644)
}

// SealedTo returns how many recipient stanzas the header of vault/NAME.age has.
func (v *Vault) SealedTo(name string) (int, error) {
	st, err := readHeader(v.path(name))
	return len(st), err
}

// SetRecipients replaces vault/recipients with src and re-encrypts every
// sealed file to it. Nothing changes unless ids open every file first; after
// that, the recipients file is written first, so an interrupted run is
// finished by irp vault rekey.
func (v *Vault) SetRecipients(src []byte, ids []age.Identity) (int, error) {
	recs, err := ParseRecipients(v.rel(v.RecipientsFile()), src, nil)
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, fmt.Errorf("%s would list nobody: keep at least one recipient", v.rel(v.RecipientsFile()))
	}
	// Encrypt once to the new list first: a recipient nothing can be
	// encrypted to (a plugin that is not installed) changes nothing.
	trial := &Vault{Project: v.Project, Dir: v.Dir, Recipients: recs, HasFile: true}
	if _, err := trial.encrypt(nil); err != nil {
		return 0, err
	}
	names, err := v.Files()
	if err != nil {
		return 0, err
	}
	if err := parallel(len(names), func(i int) error {
		_, err := v.decrypt(v.path(names[i]), ids)
		return err
	}); err != nil {
		return 0, err
	}
	if err := writeAtomic(v.RecipientsFile(), src); err != nil {
		return 0, err
	}
	v.Recipients, v.HasFile = recs, true
	return v.Rekey(ids)
}

// CheckID reports an id that is not a scenario id as a usage error
// (*BadIDError), before anything is looked for under it.
func CheckID(id string) error {
	if !scenario.ValidID(id) {
		return problem.Usage(&BadIDError{ID: id})
	}
	return nil
}

// BadIDError means a name given as a scenario id is not one: a scenario
// id is a codename that starts with a letter (amber-heron).
type BadIDError struct{ ID string }

func (e *BadIDError) Error() string {
	msg := fmt.Sprintf("%q is not a scenario id: scenario ids are codenames like amber-heron, lowercase words of letters and digits joined by dashes, starting with a letter", e.ID)
	if e.Session() {
		msg += "; this looks like a session's name"
	}
	return msg
}

// Session reports whether the id looks like a session's directory name
// (2026-12-10-quiet-gannet), which people give vault open to read the
// sealed start time.
func (e *BadIDError) Session() bool {
	return len(e.ID) > 11 && e.ID[4] == '-' && e.ID[7] == '-' && e.ID[10] == '-' && e.ID[0] >= '0' && e.ID[0] <= '9'
}
