package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"irp/internal/engine"
	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/testtree"
)

// site writes a small project into a temporary directory: files maps a
// slash-separated path to its content.
func site(t *testing.T, files map[string]string) project.Project {
	t.Helper()
	dir := t.TempDir()
	testtree.Write(t, dir, files)
	p, err := project.Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	config = "title = \"Practice\"\n"
	home   = "---\ntitle: Home\n---\nSee [the guide](guide.md).\n"
	guide  = "---\ntitle: Guide\n---\n## Steps\n"
	broken = "---\ntitle: Home\n---\nSee [the runbook](runbook.md).\n"
)

// TestRunWithoutEngine: irp-site is kept out of reach, so every build
// stops before anything is rendered; the lint's findings come first.
func TestRunWithoutEngine(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	tests := []struct {
		name       string
		home       string
		wantErr    string
		wantHint   bool
		wantErrOut string
		notFound   bool
	}{
		{
			name:       "a finding",
			home:       broken,
			wantErr:    "1 finding in content/; nothing was built",
			wantHint:   true,
			wantErrOut: "content/_index.md:4: link \"runbook.md\": no such page in content/ (not copied? link its upstream permalink, https://github.com/OWNER/REPO/blob/<commit>/PATH)\n",
		},
		{
			name:     "clean content, no irp-site",
			home:     home,
			notFound: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := site(t, map[string]string{"config.toml": config, "content/_index.md": tt.home, "content/guide.md": guide})
			var out, errOut bytes.Buffer
			err := Run(context.Background(), Options{Project: p, Out: &out, ErrOut: &errOut,
				Keys: func() ([]age.Identity, error) { t.Error("keys asked for"); return nil, nil }})
			switch {
			case err == nil:
				t.Fatal("Run = nil")
			case tt.notFound && !errors.Is(err, engine.ErrNotFound):
				t.Errorf("Run = %v, want engine.ErrNotFound", err)
			case !tt.notFound && err.Error() != tt.wantErr:
				t.Errorf("Run = %q, want %q", err, tt.wantErr)
			}
			if got := problem.Hint(err) != ""; got != tt.wantHint {
				t.Errorf("hint %q", problem.Hint(err))
			}
			if out.Len() > 0 || errOut.String() != tt.wantErrOut {
				t.Errorf("stdout %q\nstderr %q\nwant stderr %q", out.String(), errOut.String(), tt.wantErrOut)
			}
			if _, err := os.Stat(p.Public()); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("public/ was written: %v", err)
			}
		})
	}
}

// TestServeOptions: a port or address that cannot be listened on is a
// usage error, before irp-site is looked for.
func TestServeOptions(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	p := site(t, map[string]string{"config.toml": config})
	tests := []struct {
		port    int
		bind    string
		wantErr string // "" means irp-site not found
	}{
		{-1, "127.0.0.1", "--port -1: not a port number (0-65535)"},
		{65536, "127.0.0.1", "--port 65536: not a port number (0-65535)"},
		{1313, "example.com", `--bind "example.com": not an IP address`},
		{0, "localhost", ""},
		{1313, "0.0.0.0", ""},
		{1313, "::1", ""},
	}
	for _, tt := range tests {
		err := Serve(p, ServeOptions{Port: tt.port, Bind: tt.bind})
		if tt.wantErr == "" {
			if !errors.Is(err, engine.ErrNotFound) {
				t.Errorf("Serve(%d, %q) = %v, want engine.ErrNotFound", tt.port, tt.bind, err)
			}
			continue
		}
		if err == nil || err.Error() != tt.wantErr || problem.Code(err) != problem.ExitUsage {
			t.Errorf("Serve(%d, %q) = %v (exit %d), want usage error %q", tt.port, tt.bind, err, problem.Code(err), tt.wantErr)
		}
	}
}

// TestEngineExit: irp-site has printed its own errors; its exit code only
// sets irp's.
func TestEngineExit(t *testing.T) {
	for code, want := range map[int]int{0: problem.ExitOK, 1: problem.ExitProblem, 2: problem.ExitUsage, 3: problem.ExitProblem} {
		err := engineExit(code)
		if got := problem.Code(err); got != want {
			t.Errorf("engineExit(%d) = %v, exit %d; want %d", code, err, got, want)
		}
		if code == 1 && !errors.Is(err, problem.Found) {
			t.Errorf("engineExit(1) = %v, want problem.Found (prints nothing)", err)
		}
	}
}

// TestShown: a leak in the staged site is named where it would have been
// published; any other path is left as it is.
func TestShown(t *testing.T) {
	p := site(t, map[string]string{"config.toml": config})
	s := stagedSite{project: p, dest: p.Public(), dir: filepath.Join(p.Dir, ".irp-staging-1")}
	for path, want := range map[string]string{
		filepath.Join(".irp-staging-1", "tools", "index.html"): "public/tools/index.html",
		filepath.Join("content", "guide.md"):                   "content/guide.md",
	} {
		if got := s.shown(path); got != want {
			t.Errorf("shown(%q) = %q, want %q", path, got, want)
		}
	}
}
