package vault

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	agetest "c2sp.org/CCTV/age"
	"filippo.io/age"
	"filippo.io/age/plugin"

	"irp/internal/project"
	"irp/internal/scenario"
)

// newVault makes a project with a vault sealed to n fresh X25519 keys and
// returns it with the identities.
func newVault(t testing.TB, n int) (*Vault, []age.Identity) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var ids []age.Identity
	var rec bytes.Buffer
	for i := range n {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		fmt.Fprintf(&rec, "%s # person %d\n", id.Recipient(), i)
	}
	if err := os.MkdirAll(filepath.Join(dir, "vault", "scenarios"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "vault", "recipients"), rec.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := Load(project.Project{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return v, ids
}

// sample is a finished scenario called id, with extra at the end of its
// Abort section.
func sample(t testing.TB, id, extra string) *scenario.Scenario {
	t.Helper()
	src := fmt.Sprintf(`---
id: %s
title: "Uploads slow down"
components: [storage, webapi]
manta: [v1, v2]
difficulty: medium
estimated: 60m
---

## Brief

Uploads are slow since noon.

## Induce

1. In one storage zone: `+"`svcadm disable -st registrar`"+`.

## Verify

`+"`svcs registrar`"+` shows it disabled.

## Symptoms

Slow PUTs, some 503s.

## Hints

1. Read the service discovery page.
2. Which storage node do the slow requests share?
3. Is that node still in DNS?

## Resolution

Registrar was disabled in one storage zone; enable it.

## Impact

A few per cent of PUTs.

## Revert

`+"`svcadm enable -s registrar`"+`.

## Abort

Enable registrar at once.
%s
`, id, extra)
	s, err := scenario.Parse(id+".md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSealOpenRoundTrip(t *testing.T) {
	v, ids := newVault(t, 3)
	s := sample(t, "amber-heron", "")
	s.Revision = 7
	if err := v.Put(s); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		got, err := v.Open("amber-heron", []age.Identity{id})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Source, s.Source) || got.Revision != 7 || got.Title != s.Title {
			t.Fatalf("round trip changed the scenario: rev %d", got.Revision)
		}
		if src, err := v.OpenSource("amber-heron", []age.Identity{id}); err != nil || !bytes.Equal(src, s.Source) {
			t.Fatalf("OpenSource = %d bytes, %v; want the sealed Markdown", len(src), err)
		}
	}
	b, _ := os.ReadFile(v.ScenarioFile("amber-heron"))
	if !bytes.HasPrefix(b, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
		t.Error("sealed file is not ASCII-armored")
	}
	if bytes.Contains(b, []byte("amber")) {
		t.Error("sealed file mentions the id in clear")
	}
}

func TestPaddingHidesLength(t *testing.T) {
	v, _ := newVault(t, 1)
	if err := v.Put(sample(t, "short-one", "")); err != nil {
		t.Fatal(err)
	}
	if err := v.Put(sample(t, "long-one", strings.Repeat("More words to make this one longer. ", 80))); err != nil {
		t.Fatal(err)
	}
	a, _ := os.Stat(v.ScenarioFile("short-one"))
	b, _ := os.Stat(v.ScenarioFile("long-one"))
	if a.Size() != b.Size() {
		t.Errorf("sizes differ: %d vs %d", a.Size(), b.Size())
	}
}

func TestOpenFailures(t *testing.T) {
	v, ids := newVault(t, 1)
	for _, id := range []string{"amber-heron", "cobalt-wren"} {
		if err := v.Put(sample(t, id, "")); err != nil {
			t.Fatal(err)
		}
	}
	other, _ := age.GenerateX25519Identity()
	if _, err := v.Open("amber-heron", []age.Identity{other}); !errors.Is(err, ErrNoKey) {
		t.Errorf("wrong key: %v", err)
	}
	if _, err := v.Open("no-such", ids); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing: %v", err)
	}
	for _, bad := range []string{"../recipients", "../../x", "Amber"} {
		if _, err := v.OpenRaw(bad, ids); err == nil || !strings.Contains(err.Error(), "not a scenario id") {
			t.Errorf("OpenRaw(%q): %v", bad, err)
		}
	}

	good, _ := os.ReadFile(v.ScenarioFile("amber-heron"))
	damage := map[string][]byte{
		"truncated": good[:len(good)/2],
		"bit flip":  flip(good, len(good)/2),
		"empty":     nil,
	}
	for name, b := range damage {
		if err := os.WriteFile(v.ScenarioFile("amber-heron"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, open := range opens(v) {
			var de *DamagedError
			if err := open("amber-heron", ids); !errors.As(err, &de) {
				t.Errorf("%s: error %v, want DamagedError", name, err)
			}
		}
	}
	// A file copied over another scenario's name is caught by the sealed name.
	swap, _ := os.ReadFile(v.ScenarioFile("cobalt-wren"))
	if err := os.WriteFile(v.ScenarioFile("amber-heron"), swap, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, open := range opens(v) {
		if err := open("amber-heron", ids); err == nil || !strings.Contains(err.Error(), "renamed or swapped") {
			t.Errorf("swapped: %v", err)
		}
	}
	// One sealed under the right name with another scenario inside is caught
	// by the id in the front matter.
	if err := v.SealBytes("scenarios/amber-heron", sample(t, "cobalt-wren", "").Source); err != nil {
		t.Fatal(err)
	}
	for _, open := range opens(v) {
		if err := open("amber-heron", ids); err == nil || !strings.Contains(err.Error(), `holds scenario "cobalt-wren"`) {
			t.Errorf("inner id: %v", err)
		}
	}
	if err := os.WriteFile(v.ScenarioFile("amber-heron"), swap, 0o644); err != nil {
		t.Fatal(err)
	}
	probs, _ := v.Verify(ids)
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, "renamed or swapped") {
		t.Errorf("verify --mine on swapped file: %v", probs)
	}
}

// opens are the two ways to open a scenario: parsed (Open) and as sealed
// (OpenSource, what irp vault open prints); both must refuse the same files.
func opens(v *Vault) []func(string, []age.Identity) error {
	return []func(string, []age.Identity) error{
		func(id string, ids []age.Identity) error { _, err := v.Open(id, ids); return err },
		func(id string, ids []age.Identity) error { _, err := v.OpenSource(id, ids); return err },
	}
}

// flip returns b with one bit of the base64 body changed (staying in the
// base64 alphabet so the armor still parses).
func flip(b []byte, at int) []byte {
	c := append([]byte{}, b...)
	for ; at < len(c); at++ {
		if c[at] >= 'a' && c[at] < 'z' {
			c[at]++
			return c
		}
	}
	panic("nothing to flip")
}

func TestSealBytes(t *testing.T) {
	v, ids := newVault(t, 1)
	if err := v.SealBytes("sessions/2026-11-24-amber-heron", []byte("start: 10:05\n")); err != nil {
		t.Fatal(err)
	}
	got, err := v.OpenBytes("sessions/2026-11-24-amber-heron", ids)
	if err != nil || string(got) != "start: 10:05\n" {
		t.Fatalf("OpenBytes = %q, %v", got, err)
	}
	for _, bad := range []string{"../x", "/abs", "a//b", ".hidden", ""} {
		if err := v.SealBytes(bad, nil); err == nil {
			t.Errorf("SealBytes(%q) accepted", bad)
		}
	}
	if ids, _ := v.IDs(); len(ids) != 0 {
		t.Errorf("IDs lists sealed data: %v", ids)
	}
}

func TestVerifyAndRekey(t *testing.T) {
	v, ids := newVault(t, 2)
	for i := range 5 {
		if err := v.Put(sample(t, fmt.Sprintf("s-%d", i), "")); err != nil {
			t.Fatal(err)
		}
	}
	if probs, err := v.Verify(nil); err != nil || len(probs) != 0 {
		t.Fatalf("fresh vault: %v %v", probs, err)
	}
	// Drop person 1: until rekey, every file still has two stanzas.
	src, _ := os.ReadFile(v.RecipientsFile())
	lines := strings.SplitAfter(string(src), "\n")
	if err := os.WriteFile(v.RecipientsFile(), []byte(lines[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	v2, err := Load(v.Project)
	if err != nil {
		t.Fatal(err)
	}
	if probs, _ := v2.Verify(nil); len(probs) != 5 {
		t.Fatalf("verify after removing a recipient: %v", probs)
	}
	if n, err := v2.Rekey(ids[:1]); err != nil || n != 5 {
		t.Fatalf("rekey = %d, %v", n, err)
	}
	if probs, _ := v2.Verify(ids[:1]); len(probs) != 0 {
		t.Fatalf("after rekey: %v", probs)
	}
	if _, err := v2.Open("s-0", ids[1:]); !errors.Is(err, ErrNoKey) {
		t.Errorf("removed person still opens: %v", err)
	}
}

func TestSetRecipientsNeedsKeyForAll(t *testing.T) {
	v, _ := newVault(t, 1)
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(v.RecipientsFile())
	other, _ := age.GenerateX25519Identity()
	_, err := v.SetRecipients([]byte(other.Recipient().String()+"\n"), []age.Identity{other})
	if !errors.Is(err, ErrNoKey) {
		t.Fatalf("err = %v", err)
	}
	after, _ := os.ReadFile(v.RecipientsFile())
	if !bytes.Equal(before, after) {
		t.Error("recipients file changed although the rekey could not run")
	}
}

func TestParseRecipients(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	x := id.Recipient().String()
	const ed = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB+VHtZ6isGN alice@laptop"
	pq, _ := age.GenerateHybridIdentity()
	tests := []struct {
		name, src, want string
		n               int
	}{
		{"x25519 with name", x + " # alice\n\n# comment\n", "", 1},
		{"ssh comment becomes name", ed + "\n", "", 1},
		{"garbage", "# people\n" + x + "\nhello world\n", "recipients:3: expected one key per line", 0},
		{"bad age key", "age1notakey\n", "recipients:1: malformed age recipient", 0},
		{"private key", "AGE-SECRET-KEY-" + "1XYZ\n", "recipients:1: this is a private key", 0},
		{"dsa", "ssh-dss AAAAB3NzaC1kc3MAAACBAP # old\n", "unsupported ssh key type", 0},
		{"mixed pq", x + "\n" + pq.Recipient().String() + " # bob\n", "recipients:2: post-quantum recipient mixed with the classic one on line 1", 0},
		{"pq only", pq.Recipient().String() + "\n", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := ParseRecipients("recipients", []byte(tt.src), nil)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("err = %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil || len(recs) != tt.n {
				t.Fatalf("recs %v err %v", recs, err)
			}
		})
	}
	recs, _ := ParseRecipients("r", []byte(ed+"\n"+x+" # alice\n"), nil)
	if recs[0].Name != "alice@laptop" || recs[0].Kind != "ssh-ed25519" || recs[1].Name != "alice" || recs[1].Line != 2 {
		t.Errorf("parsed %+v", recs)
	}
}

func FuzzParseRecipients(f *testing.F) {
	id, _ := age.GenerateX25519Identity()
	f.Add([]byte(id.Recipient().String() + " # alice\n"))
	f.Add([]byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB+VHtZ6isGN a\n# x\n\n"))
	f.Add([]byte("age1yubikey1qwerty # plugin\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		recs, err := ParseRecipients("recipients", src, nil)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "recipients:") {
				t.Fatalf("error does not name file:line: %v", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		for _, r := range recs {
			if r.Age() == nil || r.Line < 1 {
				t.Fatalf("bad recipient %+v", r)
			}
		}
	})
}

func TestLoadIdentitiesOrder(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	_, tried, err := LoadIdentities(nil, getenv, home)
	var ne *NoIdentityError
	if !errors.As(err, &ne) || len(tried) != 3 || !strings.Contains(err.Error(), filepath.Join(home, ".ssh", "id_rsa")) {
		t.Fatalf("no identity: %v %v", tried, err)
	}
	write := func(path string) age.Identity {
		id, _ := age.GenerateX25519Identity()
		os.MkdirAll(filepath.Dir(path), 0o700)
		os.WriteFile(path, []byte("# key\n"+id.String()+"\n"), 0o600)
		return id
	}
	// An unusable default file alone is reported...
	bad := filepath.Join(home, ".ssh", "id_rsa")
	os.MkdirAll(filepath.Dir(bad), 0o700)
	os.WriteFile(bad, []byte("-----BEGIN OPENSSH "+"PRIVATE KEY-----\nbroken\n"), 0o600) // split: not a key for scanners
	if _, _, err := LoadIdentities(nil, getenv, home); err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("broken default key alone: %v", err)
	}
	// ...but does not lock out the identity next to it.
	write(filepath.Join(home, ".config", "irp", "identity"))
	ids, _, err := LoadIdentities(nil, getenv, home)
	if err != nil || len(ids) != 1 {
		t.Fatalf("default file: %v %v", ids, err)
	}
	os.Remove(bad)
	envFile := filepath.Join(home, "env.key")
	want := write(envFile)
	env["IRP_IDENTITY"] = envFile
	ids, tried, err = LoadIdentities(nil, getenv, home)
	if err != nil || len(ids) != 1 || ids[0].(*age.X25519Identity).String() != want.(*age.X25519Identity).String() || tried[0] != envFile {
		t.Fatalf("$IRP_IDENTITY not preferred: %v %v", tried, err)
	}
	flagFile := filepath.Join(home, "flag.key")
	want = write(flagFile)
	ids, _, _ = LoadIdentities([]string{flagFile}, getenv, home)
	if ids[0].(*age.X25519Identity).String() != want.(*age.X25519Identity).String() {
		t.Fatal("-i not preferred")
	}
	if _, _, err := LoadIdentities([]string{filepath.Join(home, "missing")}, getenv, home); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing -i file: %v", err)
	}
	os.WriteFile(flagFile, []byte(want.(*age.X25519Identity).Recipient().String()+"\n"), 0o600)
	if _, _, err := LoadIdentities([]string{flagFile}, getenv, home); err == nil || !strings.Contains(err.Error(), "public key") {
		t.Errorf("public key as identity: %v", err)
	}
}

// TestCCTVVectors runs every C2SP age test vector (c2sp.org/CCTV/age)
// through decryptReader, the decryption path every vault read takes:
// X25519, hybrid and scrypt (passphrase) vectors, armored or binary,
// zlib-compressed ones decompressed first (the compression is only how the
// vectors are stored). "no match" must be ErrNoKey; every other failure
// (header, HMAC, payload, armor) must fail with no plaintext at all: where
// the spec allows releasing the payload decrypted before a STREAM error,
// the vault is stricter and releases nothing.
func TestCCTVVectors(t *testing.T) {
	entries, err := fs.ReadDir(agetest.Vectors, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, _ := fs.ReadFile(agetest.Vectors, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			hdr, body, _ := bytes.Cut(raw, []byte("\n\n"))
			var ids []age.Identity
			expect, payload := "", ""
			for _, line := range strings.Split(string(hdr), "\n") {
				k, val, _ := strings.Cut(line, ": ")
				switch k {
				case "expect":
					expect = val
				case "payload":
					payload = val
				case "identity":
					id, err := age.ParseX25519Identity(val)
					if err != nil {
						idh, err2 := age.ParseHybridIdentity(val)
						if err2 != nil {
							t.Fatal(err)
						}
						ids = append(ids, idh)
						continue
					}
					ids = append(ids, id)
				case "passphrase":
					id, _ := age.NewScryptIdentity(val)
					ids = append(ids, id)
				case "compressed":
					if val != "zlib" {
						t.Fatalf("unknown compression %q", val)
					}
					zr, err := zlib.NewReader(bytes.NewReader(body))
					if err != nil {
						t.Fatal(err)
					}
					if body, err = io.ReadAll(zr); err != nil {
						t.Fatal(err)
					}
				}
			}
			if len(ids) == 0 {
				// An empty file names no key; give one so the header
				// parser, not the missing identity, decides.
				id, _ := age.GenerateX25519Identity()
				ids = append(ids, id)
			}
			pt, err := decryptReader(bytes.NewReader(body), ids)
			switch expect {
			case "success":
				if err != nil {
					t.Fatalf("want success: %v", err)
				}
				if fmt.Sprintf("%x", sha256.Sum256(pt)) != payload {
					t.Fatal("payload hash mismatch")
				}
			case "no match":
				if !errors.Is(err, ErrNoKey) {
					t.Fatalf("want ErrNoKey, got %v", err)
				}
			default:
				if err == nil || pt != nil {
					t.Fatalf("want %s, got err %v and %d bytes", expect, err, len(pt))
				}
			}
		})
	}
}

func FuzzEnvelope(f *testing.F) {
	f.Add(envelope{name: "scenarios/a", revision: 3, payload: []byte("x")}.marshal())
	f.Add([]byte("irp-vault v1\nname: a\nlength: 99\n\nshort"))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := unmarshalEnvelope(b)
		if err != nil {
			return
		}
		back, err := unmarshalEnvelope(e.marshal())
		if err != nil || back.name != e.name || back.revision != e.revision || !bytes.Equal(back.payload, e.payload) {
			t.Fatalf("round trip: %+v vs %+v (%v)", e, back, err)
		}
	})
}

// A recipient that cannot be encrypted to (here a plugin that is not
// installed) is refused before vault/recipients changes.
func TestSetRecipientsUnusableRecipient(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	v, ids := newVault(t, 1)
	if err := v.Put(sample(t, "amber-heron", "")); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(v.RecipientsFile())
	sealed, _ := os.ReadFile(v.ScenarioFile("amber-heron"))
	src := string(before) + plugin.EncodeRecipient("irpnosuch", []byte{1, 2, 3}) + " # gadget\n"
	_, err := v.SetRecipients([]byte(src), ids)
	if err == nil || !strings.Contains(err.Error(), "irpnosuch") {
		t.Fatalf("err = %v, want it to name the plugin", err)
	}
	after, _ := os.ReadFile(v.RecipientsFile())
	if !bytes.Equal(before, after) {
		t.Error("recipients file changed although nothing can be encrypted to it")
	}
	if now, _ := os.ReadFile(v.ScenarioFile("amber-heron")); !bytes.Equal(now, sealed) {
		t.Error("sealed file changed")
	}
}

// shredDir zeroes the files before removing them: a hard link kept
// outside the directory sees only zeros afterwards.
func TestShredDir(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "edit")
	os.Mkdir(dir, 0o700)
	secret := filepath.Join(dir, "amber-heron.md")
	if err := os.WriteFile(secret, []byte(strings.Repeat("the resolution ", 5000)), 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "amber-heron.md~"), []byte("backup"), 0o600)
	link := filepath.Join(base, "link")
	if err := os.Link(secret, link); err != nil {
		t.Skip("no hard links here:", err)
	}
	shredDir(dir)
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("dir still there: %v", err)
	}
	b, _ := os.ReadFile(link)
	if len(b) != 75000 || bytes.Count(b, []byte{0}) != len(b) {
		t.Fatalf("file not overwritten with zeros (%d bytes, starts %q)", len(b), b[:min(len(b), 20)])
	}
}
