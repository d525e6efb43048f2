package check

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"filippo.io/age"

	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/testtree"
)

// TestRun checks the clean fixture project, then the same project with
// one thing wrong at a time. irp-site is kept out of reach, so the site
// step is always skipped with its note.
func TestRun(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	now := time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC)
	const skipped = "site build skipped: irp-site not found\n"
	tests := []struct {
		name       string
		files      map[string]string // added to or replacing the fixture's
		wantOut    string
		wantErrOut string
		wantErr    error
	}{
		{
			name:       "clean",
			wantOut:    "ok: 2 pages, 0 cheat-sheets\n",
			wantErrOut: skipped,
		},
		{
			name: "broken link",
			files: map[string]string{"content/guide.md": `+++
title = "Guide"
+++
## Before a session

Read [the runbook](runbook.md) first.
`},
			wantOut:    "content/guide.md:6: link \"runbook.md\": no such page in content/ (not copied? link its upstream permalink, https://github.com/OWNER/REPO/blob/<commit>/PATH)\n",
			wantErrOut: skipped + "1 finding\n",
			wantErr:    problem.Found,
		},
		{
			name: "misspelt prerequisite",
			files: map[string]string{"vault/people.toml": `[cy]
prerequisites = ["Ops VPN creds", "Two-factor"]

[ana]
prerequisites = ["two-factor setup "]
`},
			wantOut: "vault/people.toml: cy: prerequisite \"Ops VPN creds\" is not one of config.toml's (Ops VPN credentials; Two-factor setup)\n" +
				"vault/people.toml: cy: prerequisite \"Two-factor\" is not one of config.toml's (Ops VPN credentials; Two-factor setup)\n",
			wantErrOut: skipped + "2 findings\n",
			wantErr:    problem.Found,
		},
		{
			name:       "ledger line not an entry",
			files:      map[string]string{"vault/ledger.jsonl": "seen amber-heron\n"},
			wantOut:    "vault/ledger.jsonl:1: not a ledger entry: invalid character 's' looking for beginning of value; the ledger is append-only: restore it from git (git log -p vault/ledger.jsonl)\n",
			wantErrOut: skipped + "1 finding\n",
			wantErr:    problem.Found,
		},
		{
			// Overdue is a warning: it is printed, and the check still passes.
			name: "follow-up past due",
			files: map[string]string{"content/sessions/2026-12-01-brisk-plover/index.md": `+++
title = "Brisk plover"

[[followups]]
what = "Alarm on 503s per shard"
owner = "ana"
status = "open"
due = 2026-12-15
+++
`},
			wantOut: "content/sessions/2026-12-01-brisk-plover/index.md:4: warning: follow-up 1 is past due (2026-12-15, owner ana): Alarm on 503s per shard\n" +
				"ok: 3 pages, 0 cheat-sheets, 1 open follow-up (1 past due)\n",
			wantErrOut: skipped,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fixture(t, tt.files)
			var out, errOut bytes.Buffer
			err := Run(context.Background(), Options{
				Project: project.Project{Dir: dir},
				Out:     &out, ErrOut: &errOut,
				Keys: func() ([]age.Identity, error) {
					t.Error("Keys called without a sealed scenario")
					return nil, errors.New("no keys")
				},
				Now: func() time.Time { return now },
			})
			if !errors.Is(err, tt.wantErr) || (err != nil) != (tt.wantErr != nil) {
				t.Errorf("Run = %v, want %v", err, tt.wantErr)
			}
			if out.String() != tt.wantOut {
				t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), tt.wantOut)
			}
			if errOut.String() != tt.wantErrOut {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut.String(), tt.wantErrOut)
			}
		})
	}
}

// fixture copies testdata/clean into a temporary directory and writes
// files over it.
func fixture(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/clean")); err != nil {
		t.Fatal(err)
	}
	testtree.Write(t, dir, files)
	return dir
}
