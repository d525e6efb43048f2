package vault

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"filippo.io/age/armor"
	"filippo.io/age/plugin"
	"golang.org/x/crypto/ssh"
	"golang.org/x/term"
)

// defaultIdentityFiles are tried, in order, when neither -i nor
// $IRP_IDENTITY names an identity. The first is relative to the config
// directory, the others to home.
func defaultIdentityFiles(getenv func(string) string, home string) []string {
	cfg := getenv("XDG_CONFIG_HOME")
	if cfg == "" {
		cfg = filepath.Join(home, ".config")
	}
	return []string{
		filepath.Join(cfg, "irp", "identity"),
		filepath.Join(home, ".ssh", "id_ed25519"),
		filepath.Join(home, ".ssh", "id_rsa"),
	}
}

// DefaultIdentities says, for --help, where identities are looked for when
// no -i is given: "$IRP_IDENTITY, ~/.config/irp/identity, ...".
func DefaultIdentities() string {
	files := defaultIdentityFiles(func(string) string { return "" }, "~")
	return "$IRP_IDENTITY, " + strings.Join(files, ", ")
}

// LoadIdentities finds the caller's identities: every -i file (flags), else
// $IRP_IDENTITY, else those of ~/.config/irp/identity, ~/.ssh/id_ed25519 and
// ~/.ssh/id_rsa that exist. It returns the files it tried, for messages.
// Passphrase-protected keys prompt on the terminal only when needed.
func LoadIdentities(flags []string, getenv func(string) string, home string) ([]age.Identity, []string, error) {
	explicit := flags
	if len(explicit) == 0 {
		if env := getenv("IRP_IDENTITY"); env != "" {
			explicit = []string{env}
		}
	}
	var ids []age.Identity
	if len(explicit) > 0 {
		for _, f := range explicit {
			got, err := ParseIdentityFile(f)
			if err == nil {
				err = checkPrivate(f)
			}
			if err != nil {
				return nil, explicit, err
			}
			ids = append(ids, got...)
		}
		return ids, explicit, nil
	}
	// Every default file that exists is used. One that cannot be used (an
	// old encrypted ssh key without its .pub, say) is passed over when
	// another one loads, so it does not lock its owner out; when none
	// loads, its error is the one reported.
	tried := defaultIdentityFiles(getenv, home)
	var first error
	for _, f := range tried {
		if _, err := os.Stat(f); err != nil {
			continue
		}
		got, err := ParseIdentityFile(f)
		if err == nil {
			err = checkPrivate(f)
		}
		if err != nil {
			first = cmp.Or(first, err)
			continue
		}
		ids = append(ids, got...)
	}
	if len(ids) == 0 && first != nil {
		return nil, tried, first
	}
	if len(ids) == 0 {
		return nil, tried, &NoIdentityError{Tried: tried}
	}
	return ids, tried, nil
}

// LooseKeyError means an identity file can be read by its group or by
// others: like ssh, irp will not use a private key that is not private.
type LooseKeyError struct {
	File string
	Mode fs.FileMode
}

func (e *LooseKeyError) Error() string {
	return fmt.Sprintf("identity %s is readable by others (mode %04o): a private key must be private", e.File, e.Mode.Perm())
}

// checkPrivate refuses an identity file that its group or others can
// read. A plugin identity file holds no secret of its own, but is held to
// the same rule: irp cannot tell until it has read it.
func checkPrivate(name string) error {
	fi, err := os.Stat(name)
	if err != nil {
		return nil // ParseIdentityFile says what is wrong with it
	}
	if runtime.GOOS != "windows" && fi.Mode().IsRegular() && fi.Mode().Perm()&0o077 != 0 {
		return &LooseKeyError{File: name, Mode: fi.Mode()}
	}
	return nil
}

// NoIdentityError says that no identity file was found, or none opened a file.
type NoIdentityError struct {
	Tried []string
	What  string // what could not be opened, "" when no file was found
}

func (e *NoIdentityError) Error() string {
	if e.What == "" {
		return "no identity found (tried " + strings.Join(e.Tried, ", ") + ")"
	}
	return "no identity in " + strings.Join(e.Tried, ", ") + " can open " + e.What
}

// ParseIdentityFile reads an identity file the way the age CLI does: native
// and plugin keys, a passphrase-encrypted age identity file, or an OpenSSH
// ed25519/rsa private key (encrypted ones prompt for their passphrase).
func ParseIdentityFile(name string) ([]age.Identity, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("identity %s: %v", name, unwrapPathErr(err))
	}
	defer f.Close()
	b := bufio.NewReader(f)
	p, _ := b.Peek(1024 + len(armor.Header))
	trimmed := bytes.TrimSpace(p)
	switch {
	case bytes.HasPrefix(p, []byte("age-encryption")) || bytes.HasPrefix(trimmed, []byte(armor.Header)):
		var r io.Reader = b
		if bytes.HasPrefix(trimmed, []byte(armor.Header)) {
			r = armor.NewReader(r)
		}
		contents, err := io.ReadAll(io.LimitReader(r, 1<<24))
		if err != nil {
			return nil, fmt.Errorf("identity %s: %v", name, err)
		}
		return []age.Identity{&encryptedIdentity{name: name, contents: contents}}, nil
	case bytes.HasPrefix(trimmed, []byte("-----BEGIN")):
		contents, err := io.ReadAll(io.LimitReader(b, 1<<14))
		if err != nil {
			return nil, fmt.Errorf("identity %s: %v", name, err)
		}
		return parseSSHIdentity(name, contents)
	default:
		ids, err := parseIdentities(b)
		if err != nil {
			return nil, fmt.Errorf("identity %s: %v", name, err)
		}
		return ids, nil
	}
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func parseIdentities(r io.Reader) ([]age.Identity, error) {
	var ids []age.Identity
	sc := bufio.NewScanner(io.LimitReader(r, 1<<24))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("not valid UTF-8")
		}
		var id age.Identity
		var err error
		switch {
		case strings.HasPrefix(line, "AGE-PLUGIN-"):
			id, err = plugin.NewIdentity(line, terminalUI())
		case strings.HasPrefix(line, "AGE-SECRET-KEY-PQ-"):
			id, err = age.ParseHybridIdentity(line)
		case strings.HasPrefix(line, "AGE-SECRET-KEY-"):
			id, err = age.ParseX25519Identity(line)
		case strings.HasPrefix(line, "age1"):
			return nil, fmt.Errorf("line %d is a public key (a recipient), not an identity", n)
		default:
			return nil, fmt.Errorf("line %d is not an age identity", n)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: malformed identity", n)
		}
		ids = append(ids, id)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no identities found in the file")
	}
	return ids, nil
}

func parseSSHIdentity(name string, pemBytes []byte) ([]age.Identity, error) {
	id, err := agessh.ParseIdentity(pemBytes)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		pub := missing.PublicKey
		if pub == nil {
			pub, err = readPubFile(name)
			if err != nil {
				return nil, err
			}
		}
		if t := pub.Type(); t != "ssh-ed25519" && t != "ssh-rsa" {
			return nil, fmt.Errorf("identity %s: unsupported ssh key type %s (use ssh-ed25519 or ssh-rsa)", name, t)
		}
		return []age.Identity{&encryptedSSHKey{name: name, pub: pub, pem: pemBytes}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("identity %s: not a usable ssh key: %v", name, err)
	}
	return []age.Identity{id}, nil
}

func readPubFile(name string) (ssh.PublicKey, error) {
	b, err := os.ReadFile(name + ".pub")
	if err != nil {
		return nil, fmt.Errorf("identity %s: encrypted ssh key needs its public key in %s.pub", name, name)
	}
	pk, _, _, _, err := ssh.ParseAuthorizedKey(b)
	if err != nil {
		return nil, fmt.Errorf("identity %s.pub: %v", name, err)
	}
	return pk, nil
}

// KeyError means the caller's own key could not be used (a wrong
// passphrase, no terminal to ask for it): the sealed file is not at fault.
type KeyError struct {
	File string // the identity file
	Why  string
}

func (e *KeyError) Error() string { return "identity " + e.File + ": " + e.Why }

// encryptedSSHKey is a passphrase-protected ssh key. Like agessh's
// EncryptedSSHIdentity it asks for the passphrase only when a file has a
// stanza for its public key, and only once; unlike it, a wrong passphrase
// is a KeyError, so a good file is never reported as damaged.
type encryptedSSHKey struct {
	name string
	pub  ssh.PublicKey
	pem  []byte
	id   age.Identity
	err  error
}

func (k *encryptedSSHKey) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if k.id == nil && k.err == nil {
		h := sha256.Sum256(k.pub.Marshal())
		tag := base64.RawStdEncoding.EncodeToString(h[:4])
		match := false
		for _, s := range stanzas {
			match = match || s.Type == k.pub.Type() && len(s.Args) > 0 && s.Args[0] == tag
		}
		if !match {
			return nil, age.ErrIncorrectIdentity
		}
		k.id, k.err = k.decrypt()
	}
	if k.err != nil {
		return nil, k.err
	}
	return k.id.Unwrap(stanzas)
}

func (k *encryptedSSHKey) decrypt() (age.Identity, error) {
	pass, err := readPassphrase(fmt.Sprintf("Enter passphrase for %q:", k.name))
	if err != nil {
		return nil, &KeyError{k.name, err.Error()}
	}
	raw, err := ssh.ParseRawPrivateKeyWithPassphrase(k.pem, pass)
	if err != nil {
		if errors.Is(err, x509.IncorrectPasswordError) {
			return nil, &KeyError{k.name, "wrong passphrase"}
		}
		return nil, &KeyError{k.name, "cannot decrypt the ssh key: " + err.Error()}
	}
	signer, err := ssh.NewSignerFromKey(raw)
	if err != nil {
		return nil, &KeyError{k.name, err.Error()}
	}
	if !bytes.Equal(signer.PublicKey().Marshal(), k.pub.Marshal()) {
		return nil, &KeyError{k.name, "the private key does not match its public key"}
	}
	var id age.Identity
	switch key := raw.(type) {
	case *ed25519.PrivateKey:
		id, err = agessh.NewEd25519Identity(*key)
	case ed25519.PrivateKey:
		id, err = agessh.NewEd25519Identity(key)
	case *rsa.PrivateKey:
		id, err = agessh.NewRSAIdentity(key)
	default:
		return nil, &KeyError{k.name, fmt.Sprintf("unsupported ssh key type %T", raw)}
	}
	if err != nil {
		return nil, &KeyError{k.name, err.Error()}
	}
	return id, nil
}

// encryptedIdentity is an age identity file encrypted with a passphrase
// (as written by age-keygen | age -p); it asks for the passphrase on first use.
type encryptedIdentity struct {
	name     string
	contents []byte
	ids      []age.Identity
	err      error
}

func (e *encryptedIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if e.ids == nil && e.err == nil {
		e.ids, e.err = e.decrypt()
	}
	if e.err != nil {
		return nil, e.err
	}
	for _, id := range e.ids {
		key, err := id.Unwrap(stanzas)
		if errors.Is(err, age.ErrIncorrectIdentity) {
			continue
		}
		return key, err
	}
	return nil, age.ErrIncorrectIdentity
}

func (e *encryptedIdentity) decrypt() ([]age.Identity, error) {
	pass, err := readPassphrase(fmt.Sprintf("Enter passphrase for identity file %q:", e.name))
	if err != nil {
		return nil, &KeyError{e.name, err.Error()}
	}
	sid, err := age.NewScryptIdentity(string(pass))
	if err != nil {
		return nil, &KeyError{e.name, err.Error()}
	}
	r, err := age.Decrypt(bytes.NewReader(e.contents), sid)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			return nil, &KeyError{e.name, "wrong passphrase, or not a passphrase-encrypted identity"}
		}
		return nil, &KeyError{e.name, err.Error()}
	}
	ids, err := parseIdentities(r)
	if err != nil {
		return nil, &KeyError{e.name, err.Error()}
	}
	return ids, nil
}

// readPassphrase asks for a passphrase; tests replace it.
var readPassphrase = readSecret

// readSecret prompts on the terminal (never stdin or stdout, which may be
// redirected) and reads a line without echo.
func readSecret(prompt string) ([]byte, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("a passphrase is needed but there is no terminal to ask on")
	}
	defer tty.Close()
	fmt.Fprintf(tty, "%s ", prompt)
	defer fmt.Fprint(tty, "\r\n")
	return term.ReadPassword(int(tty.Fd()))
}

func terminalUI() *plugin.ClientUI {
	warn := func(format string, v ...any) { fmt.Fprintf(os.Stderr, "irp: "+format+"\n", v...) }
	return plugin.NewTerminalUI(warn, warn)
}
