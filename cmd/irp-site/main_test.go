package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"irp/internal/testtree"
)

func TestMain(m *testing.M) {
	// Keep Hugo's cache out of the user's real cache dir.
	os.Exit(testtree.RunInTempHome(m, "irp-site-cmd-test"))
}

// writeSite writes a two-page project with the embedded theme; body is
// the second page's text.
func writeSite(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":         "baseURL = \"/\"\ntitle = \"Test\"\ntheme = \"irp\"\nrelativeURLs = true\ndisableKinds = [\"taxonomy\", \"term\", \"rss\"]\n",
		"content/_index.md":   "+++\ntitle = \"Home\"\n+++\nSee [the guide](guide.md).\n",
		"content/guide.md":    "+++\ntitle = \"Guide\"\n+++\n" + body + "\n",
		"static/.placeholder": "",
	}
	testtree.Write(t, dir, files)
	return dir
}

func TestBuild(t *testing.T) {
	dir := writeSite(t, "How a session runs.")
	dest := filepath.Join(t.TempDir(), "out")
	var out, errb strings.Builder
	if code := run([]string{"build", "--source", dir, "--dest", dest}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := "open file://" + filepath.ToSlash(filepath.Join(dest, "index.html"))
	if !strings.HasPrefix(out.String(), "built ") || !strings.Contains(out.String(), want) {
		t.Errorf("stdout %q, want it to contain %q", out.String(), want)
	}
	if _, err := os.Stat(filepath.Join(dest, "guide", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestBuildFails(t *testing.T) {
	dir := writeSite(t, "A [broken link](nope.md).")
	var out, errb strings.Builder
	if code := run([]string{"build", "--source", dir}, nil, &out, &errb); code != 1 {
		t.Errorf("broken link: exit %d, want 1", code)
	}
	if !strings.HasPrefix(errb.String(), "irp: build: content/guide.md:") || strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("broken link: stderr %q, want one line naming the file", errb.String())
	}

	dir = writeSite(t, "Fine.")
	errb.Reset()
	code := run([]string{"build", "--source", dir, "--dest", filepath.Join(dir, "no", "such")}, nil, &out, &errb)
	if code != 1 || !strings.HasPrefix(errb.String(), "irp: build: --dest") || strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("dest parent missing: exit %d, stderr %q", code, errb.String())
	}
}

func TestHeldBuildNotPublished(t *testing.T) {
	dir := writeSite(t, "Fine.")
	var out, errb strings.Builder
	code := run([]string{"build", "--hold", "--source", dir}, strings.NewReader("discard\n"), &out, &errb)
	if code != 1 || errb.Len() != 0 || !strings.Contains(out.String(), "staged ") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1, a staged line, nothing on stderr", code, out.String(), errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a build not published is in public/")
	}
}

func TestUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"nope"}, 2},
		{[]string{"build", "--nope"}, 2},
		{[]string{"build", "extra"}, 2},
		{[]string{"build", "--base-url", "ftp://x"}, 2},
		{[]string{"serve", "--port", "x"}, 2},
		{[]string{"serve", "--port", "70000"}, 2},
		{[]string{"serve", "--bind", "nowhere"}, 2},
		{[]string{"--help"}, 0},
		{[]string{"build", "--help"}, 0},
	} {
		var out, errb strings.Builder
		if code := run(c.args, nil, &out, &errb); code != c.code {
			t.Errorf("irp-site %q: exit %d, want %d (stderr %q)", c.args, code, c.code, errb.String())
		}
		if c.code == 0 && !strings.Contains(out.String(), "usage:") {
			t.Errorf("irp-site %q: no usage on stdout", c.args)
		}
		if c.code == 2 && strings.Count(errb.String(), "irp: ") != 1 {
			t.Errorf("irp-site %q: stderr %q, want one error line", c.args, errb.String())
		}
	}
}

func TestServePortInUse(t *testing.T) {
	dir := writeSite(t, "Fine.")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	var out, errb strings.Builder
	code := run([]string{"serve", "--source", dir, "--port", port}, nil, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "address already in use") || strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}
