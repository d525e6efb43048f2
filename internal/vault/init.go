package vault

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"

	"irp/internal/atomicfile"
	"irp/internal/project"
)

// InitOptions are the choices of Init.
type InitOptions struct {
	Name     string // written after the key as "# name"; "" for DefaultName
	Dir      string // where DefaultName asks git
	Force    bool   // replace a recipients file that lists real people
	Identity string // the caller's identity file; "" tries the default ones
	Getenv   func(string) string
	Home     string
}

// initialized is what Init did.
type initialized struct {
	File    string // the recipients file, relative to the project
	From    string // the identity file the key came from
	Created bool   // From is a new age identity made for the caller
	Stale   int    // sealed files still addressed to the old recipients
}

// write says on w what Init did, and what is left to do.
func (res *initialized) write(w io.Writer) {
	if res.Created {
		fmt.Fprintf(w, "created a new identity in %s (back it up; it is the only key to your scenarios)\n", res.From)
	}
	fmt.Fprintf(w, "wrote %s with your key from %s\n", res.File, res.From)
	if res.Stale > 0 {
		fmt.Fprintf(w, "%d sealed file(s) are still addressed to the old recipients: run irp vault rekey -i OLD-KEY (for the demo: -i testdata/demo-instigator.key)\n", res.Stale)
	}
}

// Init starts a project's vault: vault/recipients with the caller's public
// key as its only line. The key comes from o.Identity, else the first
// default identity file that exists; with none, a new age identity is
// written to the first default file (0600). A recipients file that lists
// only the demo recipient is replaced without o.Force. It says on w what
// it did, and what is left to do.
func Init(w io.Writer, p project.Project, o InitOptions) error {
	res, err := initialize(p, o)
	if err != nil {
		return err
	}
	res.write(w)
	return nil
}

func initialize(p project.Project, o InitOptions) (*initialized, error) {
	if o.Name == "" {
		o.Name = DefaultName(o.Dir, o.Getenv)
	}
	v, err := Load(p)
	if err != nil && !o.Force {
		return nil, err
	}
	if v != nil && v.HasFile && !o.Force && !v.onlyDemo() {
		return nil, fmt.Errorf("%s already lists %d recipient(s): add people with irp vault recipients add, or replace the file with --force", v.rel(v.RecipientsFile()), len(v.Recipients))
	}
	v = &Vault{Project: p, Dir: p.Vault()}
	res := &initialized{File: v.rel(v.RecipientsFile())}
	pub, err := res.ownKey(o)
	if err != nil {
		return nil, err
	}
	line := pub
	if o.Name != "" && !strings.HasPrefix(pub, "ssh-") {
		line += " # " + o.Name
	} else if o.Name != "" {
		f := strings.Fields(pub)
		line = strings.Join(f[:min(2, len(f))], " ") + " # " + o.Name
	}
	src := "# Who can open the sealed scenarios: one public key per line, \"# name\" after it.\n" +
		"# Change it with irp vault recipients add/rm, which re-encrypts everything.\n\n" + line + "\n"
	if _, err := ParseRecipients("vault/recipients", []byte(src), nil); err != nil {
		return nil, fmt.Errorf("your key from %s: %w", res.From, err)
	}
	if err := os.MkdirAll(filepath.Join(v.Dir, "scenarios"), 0o755); err != nil {
		return nil, err
	}
	if err := atomicfile.Write(v.RecipientsFile(), []byte(src), 0o644); err != nil {
		return nil, err
	}
	files, _ := v.Files()
	res.Stale = len(files)
	return res, nil
}

func (v *Vault) onlyDemo() bool {
	for _, r := range v.Recipients {
		if !strings.Contains(r.Name, "demo") {
			return false
		}
	}
	return true
}

// ownKey finds the caller's public key, creating an age identity when
// there is none.
func (res *initialized) ownKey(o InitOptions) (string, error) {
	candidates := []string{o.Identity}
	if o.Identity == "" {
		candidates = defaultIdentityFiles(o.Getenv, o.Home)
	}
	for _, f := range candidates {
		if _, err := os.Stat(f); err != nil {
			if o.Identity != "" {
				return "", err
			}
			continue
		}
		res.From = f
		return PublicKey(f)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return "", err
	}
	path := candidates[0]
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	body := fmt.Sprintf("# created: %s\n# public key: %s\n%s\n", time.Now().UTC().Format(time.RFC3339), id.Recipient(), id)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	res.From, res.Created = path, true
	return id.Recipient().String(), nil
}

// PublicKey returns the recipient for an identity file: the "# public key"
// or computed key of an age identity, or the .pub next to an ssh key.
func PublicKey(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if bytes.Contains(b, []byte("-----BEGIN")) {
		pub, err := os.ReadFile(path + ".pub")
		if err != nil {
			return "", fmt.Errorf("%s is an ssh key but %s.pub is missing", path, path)
		}
		return strings.TrimSpace(string(pub)), nil
	}
	ids, perr := parseIdentities(bytes.NewReader(b))
	for _, id := range ids {
		switch id := id.(type) {
		case *age.X25519Identity:
			return id.Recipient().String(), nil
		case *age.HybridIdentity:
			return id.Recipient().String(), nil
		}
	}
	// An identity file may name its public key in a comment (age-keygen
	// writes one), for keys irp cannot read itself.
	for line := range strings.Lines(string(b)) {
		if pk, ok := strings.CutPrefix(strings.TrimSpace(line), "# public key: "); ok {
			return pk, nil
		}
	}
	if perr != nil && bytes.Contains(b, []byte("AGE-SECRET-KEY-")) {
		return "", fmt.Errorf("%s: %v", path, perr)
	}
	return "", fmt.Errorf("%s: no age or ssh key found (encrypted and plugin identities: add your public key with irp vault recipients add)", path)
}
