package main

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/rogpeppe/go-internal/testscript"

	"irp/internal/buildproto"
	"irp/internal/impact/gen"
)

// siteBin is the directory holding an irp-site binary built for the scripts,
// so that `irp build` finds its site engine on PATH as it would in bin/.
var siteBin string

// fixtures holds the files several stories share (fixture copies them in).
var fixtures, _ = filepath.Abs("testdata/fixtures")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"irp": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// scriptCmds are the commands the stories use beyond testscript's own.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// files
	"fixture":    fixtureCmd,
	"summary":    summaryCmd,
	"replacein":  replaceCmd,
	"delline":    delLineCmd,
	"damage":     damageCmd,
	"grepdir":    grepDirCmd,
	"sessiondir": sessionDirCmd,
	"snapshot":   snapshotCmd,
	"unchanged":  unchangedCmd,
	"readenv":    readenvCmd,
	// keys and logs
	"agekeygen": agekeygenCmd,
	"pastekey":  pasteKeyCmd,
	"impactgen": impactGenCmd,
	// processes and output
	"exitcode":     exitcodeCmd,
	"maxlines":     maxlinesCmd,
	"without-site": withoutSiteCmd,
	"held-build":   heldBuildCmd,
	"freeport":     freeportCmd,
	"httpwait":     httpwaitCmd,
}

func TestScripts(t *testing.T) {
	siteBin = t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(siteBin, "irp-site"), "irp/cmd/irp-site")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building irp-site for the scripts: %v\n%s", err, out)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		RequireExplicitExec: true,
		Cmds:                scriptCmds,
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", filepath.Join(env.WorkDir, ".home"))
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".home", ".config"))
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, ".home", ".local", "share"))
			env.Setenv("IRP_IDENTITY", "")
			env.Setenv("EDITOR", "")
			if siteBin != "" {
				env.Setenv("PATH", siteBin+string(os.PathListSeparator)+env.Getenv("PATH"))
			}
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "memory":
				out, err := exec.Command("stat", "-f", "-c", "%T", "/dev/shm").Output()
				return err == nil && strings.TrimSpace(string(out)) == "tmpfs", nil
			case "age":
				_, err := exec.LookPath("age")
				return err == nil, nil
			}
			return false, nil
		},
	})
}

// exitcodeCmd runs `exitcode N PROG ARGS...`: PROG must exit with status N.
// Its stdout and stderr are then checked like exec's.
func exitcodeCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: bad status %q", args[0])
	}
	cmd := exec.Command(lookIn(ts.Getenv("PATH"), args[1]), args[2:]...)
	cmd.Dir = ts.MkAbs(".")
	env := os.Environ()
	for _, k := range []string{"PATH", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "IRP_IDENTITY", "EDITOR", "TMPDIR", "WORK"} {
		env = append(env, k+"="+ts.Getenv(k))
	}
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	ts.Stdout().Write(stdout.Bytes())
	ts.Stderr().Write(stderr.Bytes())
	if got != want {
		ts.Fatalf("%s exited %d, want %d\nstderr:\n%s", args[1], got, want, stderr.String())
	}
}

func lookIn(pathList, name string) string {
	for _, dir := range filepath.SplitList(pathList) {
		p := dir + string(os.PathSeparator) + name
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return name
}

// freeportCmd runs `freeport NAME`: it sets $NAME to a TCP port on
// 127.0.0.1 that nothing listens on.
func freeportCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport NAME")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := l.Addr().(*net.TCPAddr).Port
	ts.Check(l.Close())
	ts.Setenv(args[0], strconv.Itoa(port))
}

// httpwaitCmd runs `httpwait URL [TEXT]`: it waits (up to a minute, for a
// server that is still starting) until URL answers 200, then fails unless
// the body holds TEXT.
func httpwaitCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: httpwait URL [TEXT]")
	}
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(args[0])
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				if len(args) == 2 && !strings.Contains(string(body), args[1]) {
					ts.Fatalf("%s: body does not contain %q", args[0], args[1])
				}
				return
			}
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s: no answer: %v", args[0], err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// grepdir PATTERN DIR: succeed when some file under DIR matches the regular
// expression PATTERN (negated: when none does, naming the first that does).
func grepDirCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: grepdir PATTERN DIR")
	}
	re, err := regexp.Compile(args[0])
	ts.Check(err)
	var hit string
	err = filepath.WalkDir(ts.MkAbs(args[1]), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || hit != "" {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && re.Match(b) {
			hit = path
		}
		return err
	})
	ts.Check(err)
	switch {
	case neg && hit != "":
		ts.Fatalf("%s matches %s", hit, args[0])
	case !neg && hit == "":
		ts.Fatalf("no file under %s matches %s", args[1], args[0])
	}
}

// sessiondir VAR [N]: set $VAR to the name of the Nth (default: only)
// directory under content/sessions, sorted, since codenames are random.
func sessionDirCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: sessiondir VAR [N]")
	}
	ents, err := os.ReadDir(ts.MkAbs("content/sessions"))
	ts.Check(err)
	var dirs []string
	for _, e := range ents {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	sort.Strings(dirs)
	n := 0
	if len(args) == 2 {
		n = int(args[1][0] - '1')
	} else if len(dirs) != 1 {
		ts.Fatalf("sessiondir: want one session directory, have %v", dirs)
	}
	if n < 0 || n >= len(dirs) {
		ts.Fatalf("sessiondir: no directory %s in %v", args[1], dirs)
	}
	ts.Setenv(args[0], dirs[n])
}

// replacein FILE OLD NEW: replace every OLD in FILE with NEW (\n in OLD and
// NEW means a newline); fails when OLD is absent.
func replaceCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replacein FILE OLD NEW")
	}
	path := ts.MkAbs(args[0])
	b, err := os.ReadFile(path)
	ts.Check(err)
	old, repl := unquoteNL(args[1]), unquoteNL(args[2])
	if !strings.Contains(string(b), old) {
		ts.Fatalf("replacein: %q not in %s", old, args[0])
	}
	ts.Check(os.WriteFile(path, []byte(strings.ReplaceAll(string(b), old, repl)), 0o644))
}

func unquoteNL(s string) string { return strings.ReplaceAll(s, `\n`, "\n") }

// delline FILE N: remove line N (1-based) of FILE.
func delLineCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: delline FILE N")
	}
	path := ts.MkAbs(args[0])
	b, err := os.ReadFile(path)
	ts.Check(err)
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	lines := strings.SplitAfter(string(b), "\n")
	if n < 1 || n > len(lines) {
		ts.Fatalf("delline: %s has no line %d", args[0], n)
	}
	ts.Check(os.WriteFile(path, []byte(strings.Join(append(lines[:n-1], lines[n:]...), "")), 0o644))
}

// withoutSiteCmd drops every PATH entry that holds an irp-site, so a script
// can show what irp says when the site engine is not installed.
func withoutSiteCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 0 {
		ts.Fatalf("usage: without-site")
	}
	var keep []string
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(dir, "irp-site")); err != nil {
			keep = append(keep, dir)
		}
	}
	ts.Setenv("PATH", strings.Join(keep, string(os.PathListSeparator)))
}

// heldBuildCmd runs `irp-site build --hold --dest DEST` in the script's
// directory, waits for the staged build, then does what the first argument
// says: "publish", "discard" (a verdict on stdin), "eof" (stdin closed, as
// when irp dies), or "sigint"/"sigterm". It checks that the staged
// directory is gone afterwards and records irp-site's exit code on stdout.
//
//	held-build publish|discard|eof|sigint|sigterm DEST
func heldBuildCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: held-build publish|discard|eof|sigint|sigterm DEST")
	}
	path := ""
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(dir, "irp-site")); err == nil {
			path = filepath.Join(dir, "irp-site")
			break
		}
	}
	if path == "" {
		ts.Fatalf("no irp-site on the script's PATH")
	}
	cmd := exec.Command(path, "build", "--hold", "--dest", ts.MkAbs(args[1]))
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = os.Environ()
	for _, k := range []string{"PATH", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"} {
		cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
	}
	stdin, err := cmd.StdinPipe()
	ts.Check(err)
	var stdout bytes.Buffer
	l := buildproto.NewListener(&stdout)
	cmd.Stdout = l
	var stderr strings.Builder
	cmd.Stderr = &stderr
	ts.Check(cmd.Start())
	exited := make(chan error, 1)
	go func() { err := cmd.Wait(); l.Close(); exited <- err }()
	staged, ok := l.Wait()
	if !ok {
		<-exited
		ts.Fatalf("irp-site exited before staging:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(staged.Dir, "index.html")); err != nil {
		ts.Fatalf("staged build has no index.html: %v", err)
	}
	switch args[0] {
	case "publish", "discard":
		_, err = io.WriteString(stdin, args[0]+"\n")
		ts.Check(err)
		stdin.Close()
	case "eof":
		stdin.Close()
	case "sigint":
		ts.Check(cmd.Process.Signal(os.Interrupt))
	case "sigterm":
		ts.Check(cmd.Process.Signal(syscall.SIGTERM))
	default:
		ts.Fatalf("unknown verdict %q", args[0])
	}
	err = <-exited
	rest := stdout.String()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else {
		ts.Check(err)
	}
	if _, err := os.Stat(staged.Dir); !errors.Is(err, fs.ErrNotExist) {
		ts.Fatalf("staged directory %s is still there after %s", staged.Dir, args[0])
	}
	ts.Logf("irp-site: %s%s", rest, stderr.String())
	fmt.Fprintf(ts.Stdout(), "exit %d\n%s", code, rest)
}

// impactGenCmd writes a synthetic muskie audit log for the impact stories:
//
//	impactgen [-healthy] [-gz] [-truncate] [-rate N] [-seed N] FILE
//
// The default log runs 09:30–11:30 UTC on 2017-06-01 with an outage from
// 10:05 to 10:37. -truncate cuts a gzipped log in half.
func impactGenCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! impactgen")
	}
	c := gen.Default()
	c.PerSecond = 3
	var gz, truncate bool
	for len(args) > 1 {
		switch args[0] {
		case "-healthy":
			c.OutageFrom, c.OutageTo = time.Time{}, time.Time{}
		case "-gz":
			gz = true
		case "-truncate":
			gz, truncate = true, true
		case "-rate", "-seed":
			n, err := strconv.Atoi(args[1])
			ts.Check(err)
			if args[0] == "-rate" {
				c.PerSecond = float64(n)
			} else {
				c.Seed = uint64(n)
			}
			args = args[1:]
		default:
			ts.Fatalf("impactgen: unknown flag %s", args[0])
		}
		args = args[1:]
	}
	if len(args) != 1 {
		ts.Fatalf("usage: impactgen [-healthy] [-gz] [-truncate] [-rate N] [-seed N] FILE")
	}
	var b bytes.Buffer
	gen.Generate(c, func(_ gen.Event, line []byte) {
		b.Write(line)
		b.WriteByte('\n')
	})
	data := b.Bytes()
	if gz {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
		if truncate {
			data = data[:len(data)/2]
		}
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
}

// pastekey FILE PLACEHOLDER: replace the line of FILE holding PLACEHOLDER
// with the base64 body of a private key made now (so that no key sits in
// the repository), indented as that line was.
func pasteKeyCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: pastekey FILE PLACEHOLDER")
	}
	path := ts.MkAbs(args[0])
	b, err := os.ReadFile(path)
	ts.Check(err)
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	ts.Check(err)
	block := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
	lines := strings.Split(strings.TrimSpace(block), "\n")
	body := lines[1 : len(lines)-1]
	var out []string
	found := false
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.Contains(l, args[1]) {
			out = append(out, l)
			continue
		}
		found = true
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		for _, bl := range body {
			out = append(out, indent+bl)
		}
	}
	if !found {
		ts.Fatalf("pastekey: %q not in %s", args[1], args[0])
	}
	ts.Check(os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644))
}

// Script commands for the vault stories.
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

// fixture SRC [DST] copies testdata/fixtures/SRC, a file or a directory
// tree, to DST in the script's directory (default: the file's name, or
// the directory's contents into $WORK). A file the script has inline
// (after a -- NAME -- line) is kept: inline wins.
func fixtureCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: fixture SRC [DST]")
	}
	src := filepath.Join(fixtures, filepath.FromSlash(args[0]))
	fi, err := os.Stat(src)
	ts.Check(err)
	dst := ts.MkAbs(".")
	if len(args) == 2 {
		dst = ts.MkAbs(args[1])
	} else if !fi.IsDir() {
		dst = ts.MkAbs(filepath.Base(src))
	}
	ts.Check(filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		to := filepath.Join(dst, rel)
		if _, err := os.Stat(to); err == nil {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if strings.HasSuffix(path, ".key") || strings.HasSuffix(path, "key.txt") {
			mode = 0o600
		}
		return os.WriteFile(to, b, mode)
	}))
}

// summary NAME [OLD NEW]... writes content/sessions/NAME/index.md: the
// session summary testdata/fixtures/summary.md with every OLD replaced by
// NEW (\n is a newline), so a story shows only how its page differs.
func summaryCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args)%2 != 1 {
		ts.Fatalf("usage: summary NAME [OLD NEW]...")
	}
	b, err := os.ReadFile(filepath.Join(fixtures, "summary.md"))
	ts.Check(err)
	page := string(b)
	for i := 1; i < len(args); i += 2 {
		old, repl := unquoteNL(args[i]), unquoteNL(args[i+1])
		if !strings.Contains(page, old) {
			ts.Fatalf("summary: %q not in summary.md", old)
		}
		page = strings.ReplaceAll(page, old, repl)
	}
	path := ts.MkAbs(filepath.Join("content", "sessions", args[0], "index.md"))
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(os.WriteFile(path, []byte(page), 0o644))
}
