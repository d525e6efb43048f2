package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for the vault stories.
func init() {
	scriptCmds["agekeygen"] = agekeygenCmd
	scriptCmds["readenv"] = readenvCmd
	scriptCmds["damage"] = damageCmd
}

// agekeygen [-pq] NAME writes a new age identity (X25519, or ML-KEM-768 +
// X25519 with -pq) to NAME.key and sets $NAME_PUB (upper case) to its
// public key.
func agekeygenCmd(ts *testscript.TestScript, neg bool, args []string) {
	pq := len(args) == 2 && args[0] == "-pq"
	if pq {
		args = args[1:]
	}
	if neg || len(args) != 1 {
		ts.Fatalf("usage: agekeygen [-pq] NAME")
	}
	var secret, public string
	if pq {
		id, err := age.GenerateHybridIdentity()
		ts.Check(err)
		secret, public = id.String(), id.Recipient().String()
	} else {
		id, err := age.GenerateX25519Identity()
		ts.Check(err)
		secret, public = id.String(), id.Recipient().String()
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]+".key"), []byte("# test key\n"+secret+"\n"), 0o600))
	ts.Setenv(strings.ToUpper(args[0])+"_PUB", public)
}

// readenv VAR FILE sets $VAR to the trimmed contents of FILE.
func readenvCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: readenv VAR FILE")
	}
	ts.Setenv(args[0], strings.TrimSpace(ts.ReadFile(args[1])))
}

// damage truncate|flip FILE [N] damages a file: truncate to N bytes, or
// change one base64 character in the middle (the armor still parses).
func damageCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: damage truncate|flip FILE [N]")
	}
	path := ts.MkAbs(args[1])
	b, err := os.ReadFile(path)
	ts.Check(err)
	switch args[0] {
	case "truncate":
		n := len(b) / 2
		if len(args) > 2 {
			n, err = strconv.Atoi(args[2])
			ts.Check(err)
		}
		b = b[:n]
	case "flip":
		for i := len(b) / 2; i < len(b); i++ {
			if b[i] >= 'a' && b[i] < 'z' {
				b[i]++
				break
			}
		}
	default:
		ts.Fatalf("damage: unknown mode %q", args[0])
	}
	ts.Check(os.WriteFile(path, b, 0o644))
}

func init() {
	scriptCmds["maxlines"] = maxlinesCmd
	scriptCmds["snapshot"] = snapshotCmd
	scriptCmds["unchanged"] = unchangedCmd
}

// maxlines stdout|stderr N fails when the last command wrote more than N
// lines there: a failure is one line (plus a hint), never a trace.
func maxlinesCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: maxlines stdout|stderr N")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	text := ts.ReadFile(args[0])
	if got := strings.Count(text, "\n"); got > n {
		ts.Fatalf("%s has %d lines, want at most %d:\n%s", args[0], got, n, text)
	}
}

const snapshotFile = ".snapshot"

// snapshot records every file under $WORK (name, mode, content hash) so
// that unchanged can prove a failed command wrote nothing anywhere: not in
// vault/, content/, $TMPDIR or the home directory.
func snapshotCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: snapshot")
	}
	ts.Check(os.WriteFile(ts.MkAbs(snapshotFile), []byte(workTree(ts)), 0o600))
}

// unchanged fails when a file under $WORK appeared, vanished or changed
// since snapshot.
func unchangedCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: unchanged")
	}
	before := ts.ReadFile(snapshotFile)
	if now := workTree(ts); now != before {
		ts.Fatalf("files changed since snapshot:\nbefore:\n%s\nnow:\n%s", before, now)
	}
}

func workTree(ts *testscript.TestScript) string {
	root := ts.Getenv("WORK")
	var b strings.Builder
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if rel == snapshotFile {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := ""
		if d.Type().IsRegular() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sum = fmt.Sprintf("%x", sha256.Sum256(data))
		}
		fmt.Fprintf(&b, "%s %v %s\n", rel, info.Mode(), sum)
		return nil
	})
	ts.Check(err)
	return b.String()
}

// TestVaultPathIsLight keeps `irp vault open` from paying for the site
// engine: the irp binary must not link Hugo, and the package
// initialisation it runs before any command must stay small. Allocation
// totals from GODEBUG=inittrace are counted, not times, so the test does
// not depend on the machine's speed (irp-site allocates ~15 MB at init).
func TestVaultPathIsLight(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the irp binary")
	}
	deps, err := exec.Command("go", "list", "-deps", "irp/cmd/irp").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(deps)) {
		if strings.HasPrefix(pkg, "github.com/gohugoio/") {
			t.Fatalf("irp links %s: the site engine belongs in irp-site", pkg)
		}
	}
	bin := filepath.Join(t.TempDir(), "irp")
	if out, err := exec.Command("go", "build", "-o", bin, "irp/cmd/irp").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "vault", "open", "amber-heron")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, _ := cmd.CombinedOutput() // fails: no project here
	const limit = 2 << 20
	total, inits := 0, 0
	var heavy []string
	for _, line := range strings.Split(string(out), "\n") {
		// init PKG @T ms, C ms clock, B bytes, A allocs
		f := strings.Fields(line)
		if len(f) < 11 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		b, err := strconv.Atoi(f[7])
		if err != nil {
			t.Fatalf("inittrace line %q: %v", line, err)
		}
		total += b
		inits++
		if b > 64<<10 {
			heavy = append(heavy, fmt.Sprintf("%s %d bytes", f[1], b))
		}
	}
	if inits == 0 {
		t.Fatalf("no inittrace output:\n%s", out)
	}
	if total > limit {
		t.Errorf("package initialisation allocates %d bytes before irp vault open runs (limit %d); largest: %s",
			total, limit, strings.Join(heavy, ", "))
	}
	t.Logf("%d package inits, %d bytes", inits, total)
}
