package vault

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
	"golang.org/x/crypto/ssh"
)

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func withPassphrase(t *testing.T, pass string) *int {
	t.Helper()
	asked := new(int)
	old := readPassphrase
	readPassphrase = func(string) ([]byte, error) { *asked++; return []byte(pass), nil }
	t.Cleanup(func() { readPassphrase = old })
	return asked
}

// An age identity file encrypted with a passphrase (age-keygen | age -p -a)
// asks for the passphrase only when a file needs it.
func TestPassphraseProtectedAgeIdentity(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	sid, _ := age.NewScryptRecipient("correct horse")
	sid.SetWorkFactor(10)
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, _ := age.Encrypt(aw, sid)
	w.Write([]byte("# key\n" + id.String() + "\n"))
	w.Close()
	aw.Close()
	path := filepath.Join(t.TempDir(), "identity")
	os.WriteFile(path, buf.Bytes(), 0o600)

	asked := withPassphrase(t, "correct horse")
	ids, err := ParseIdentityFile(path)
	if err != nil || *asked != 0 {
		t.Fatalf("parse: %v, asked %d times", err, *asked)
	}
	v, _ := newVault(t, 0)
	v.Recipients, _ = ParseRecipients("r", []byte(id.Recipient().String()+"\n"), nil)
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Open("amber-heron", ids); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Open("amber-heron", ids); err != nil || *asked != 1 {
		t.Fatalf("second open: %v, asked %d times (want once)", err, *asked)
	}

	withPassphrase(t, "wrong")
	ids, _ = ParseIdentityFile(path)
	_, err = v.Open("amber-heron", ids)
	wantKeyError(t, err, "identity "+path+": wrong passphrase")
}

// wantKeyError checks that a key problem is blamed on the key, never on
// the (good) sealed file.
func wantKeyError(t *testing.T, err error, want string) {
	t.Helper()
	var ke *KeyError
	var de *DamagedError
	if !errors.As(err, &ke) || errors.As(err, &de) || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got %T %v, want a KeyError %q", err, err, want)
	}
}

// A passphrase-protected ssh key goes through agessh's encrypted identity,
// which prompts only when a stanza matches its public key.
func TestPassphraseProtectedSSHKey(t *testing.T) {
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("ssh-keygen not installed: cannot make an encrypted ssh key")
	}
	dir := t.TempDir()
	key := filepath.Join(dir, "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-a", "2", "-N", "s3cret", "-C", "bob", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	pub, _ := os.ReadFile(key + ".pub")
	asked := withPassphrase(t, "s3cret")
	ids, err := ParseIdentityFile(key)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ids[0].(*encryptedSSHKey); !ok {
		t.Fatalf("identity type %T", ids[0])
	}
	v, _ := newVault(t, 0)
	v.Recipients, err = ParseRecipients("r", pub, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Open("amber-heron", ids); err != nil || *asked != 1 {
		t.Fatalf("open: %v, asked %d", err, *asked)
	}
	// A wrong passphrase blames the key, and is asked once per run.
	asked = withPassphrase(t, "wrong")
	ids, _ = ParseIdentityFile(key)
	_, err = v.Open("amber-heron", ids)
	wantKeyError(t, err, "identity "+key+": wrong passphrase")
	if _, err := v.Open("amber-heron", ids); *asked != 1 {
		t.Fatalf("asked %d times after a wrong passphrase (%v)", *asked, err)
	}
	// No terminal to ask on is a key problem too.
	readPassphrase = func(string) ([]byte, error) { return nil, errors.New("no terminal") }
	ids, _ = ParseIdentityFile(key)
	_, err = v.Open("amber-heron", ids)
	wantKeyError(t, err, "identity "+key+": no terminal")
	// A .pub that does not belong to the key is found out.
	withPassphrase(t, "s3cret")
	otherKey := filepath.Join(dir, "other")
	exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey).Run()
	otherPub := readFile(t, otherKey+".pub")
	pk, _, _, _, _ := ssh.ParseAuthorizedKey(otherPub)
	v.Recipients, _ = ParseRecipients("r", otherPub, nil)
	v.Put(sample(t, "dusky-lark", ""))
	mismatched := &encryptedSSHKey{name: key, pub: pk, pem: readFile(t, key)}
	_, err = v.Open("dusky-lark", []age.Identity{mismatched})
	wantKeyError(t, err, "identity "+key+": the private key does not match its public key")
	// A file not addressed to bob does not ask at all.
	other, _ := age.GenerateX25519Identity()
	v.Recipients, _ = ParseRecipients("r", []byte(other.Recipient().String()+"\n"), nil)
	v.Put(sample(t, "cobalt-wren", ""))
	ids, _ = ParseIdentityFile(key)
	*asked = 0
	if _, err := v.Open("cobalt-wren", ids); !errors.Is(err, ErrNoKey) || *asked != 0 {
		t.Fatalf("open foreign file: %v, asked %d", err, *asked)
	}
}

// TestLooseKeyRefused: an identity file its group or others can read is
// refused, as ssh refuses one; a public file given as an identity still
// gets its own error first.
func TestLooseKeyRefused(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	key := filepath.Join(dir, "id.key")
	if err := os.WriteFile(key, []byte(id.String()+"\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	getenv := func(string) string { return "" }
	_, _, err = LoadIdentities([]string{key}, getenv, dir)
	var loose *LooseKeyError
	if !errors.As(err, &loose) || loose.File != key || loose.Mode.Perm() != 0o640 {
		t.Fatalf("0640 key: %v, want a LooseKeyError", err)
	}
	if err := os.Chmod(key, 0o600); err != nil {
		t.Fatal(err)
	}
	if ids, _, err := LoadIdentities([]string{key}, getenv, dir); err != nil || len(ids) != 1 {
		t.Fatalf("0600 key: %v %v", ids, err)
	}
	// A default file that is loose is passed over for one that loads.
	home := t.TempDir()
	sshDir := filepath.Join(home, ".ssh")
	os.MkdirAll(filepath.Join(home, ".config", "irp"), 0o700)
	os.MkdirAll(sshDir, 0o700)
	os.WriteFile(filepath.Join(home, ".config", "irp", "identity"), []byte(id.String()+"\n"), 0o644)
	if _, _, err := LoadIdentities(nil, getenv, home); !errors.As(err, &loose) {
		t.Fatalf("only a loose default file: %v, want a LooseKeyError", err)
	}
	pub := filepath.Join(dir, "recipients")
	os.WriteFile(pub, []byte(id.Recipient().String()+"\n"), 0o644)
	if _, _, err := LoadIdentities([]string{pub}, getenv, dir); err == nil || errors.As(err, &loose) {
		t.Fatalf("a public key file: %v, want its own error", err)
	}
}
