package impact

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"irp/internal/problem"
)

// fixtureLog is a muskie audit log with a few records.
const fixtureLog = "testdata/muskie-audit.log"

func TestOptionsParams(t *testing.T) {
	ok := Options{Bucket: time.Minute, By: "operation"}
	with := func(f func(*Options)) Options { o := ok; f(&o); return o }
	tests := []struct {
		name string
		o    Options
		want string // the error; "" for none
	}{
		{"defaults", ok, ""},
		{"window", with(func(o *Options) { o.From, o.To = "2017-06-01T10:05:00Z", "2017-06-01T10:37:00Z" }), ""},
		{"negative top", with(func(o *Options) { o.Top = -1 }), "--top must be 0 (all) or more, got -1"},
		{"zero bucket", with(func(o *Options) { o.Bucket = 0 }), "--bucket must be positive, got 0s"},
		{"bad by", with(func(o *Options) { o.By = "colour" }), "--by: "},
		{"from alone", with(func(o *Options) { o.From = "2017-06-01T10:05:00Z" }), "--from and --to go together"},
		{"bad from", with(func(o *Options) { o.From, o.To = "10:05", "2017-06-01T10:37:00Z" }), `--from: "10:05" is not an RFC 3339 time`},
		{"bad to", with(func(o *Options) { o.From, o.To = "2017-06-01T10:05:00Z", "later" }), `--to: "later" is not an RFC 3339 time`},
		{"backwards", with(func(o *Options) { o.From, o.To = "2017-06-01T10:37:00Z", "2017-06-01T10:05:00Z" }), "--from 2017-06-01T10:37:00Z is not before --to 2017-06-01T10:05:00Z"},
	}
	for _, tt := range tests {
		p, err := tt.o.Params()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: Params: %v", tt.name, err)
		case tt.want == "":
			if p.Fixed != (tt.o.From != "") || p.Bucket != tt.o.Bucket {
				t.Errorf("%s: Params = %+v", tt.name, p)
			}
		case err == nil || !strings.HasPrefix(err.Error(), tt.want):
			t.Errorf("%s: Params error %v, want %q...", tt.name, err, tt.want)
		case problem.Code(err) != problem.ExitUsage:
			t.Errorf("%s: exit code %d, want a usage error", tt.name, problem.Code(err))
		}
	}
}

// TestRunErrors: what Run refuses before reading, and what it reports
// after.
func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	taken := filepath.Join(dir, "taken.svg") // a directory: no chart can replace it
	if err := os.Mkdir(taken, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.log")
	noise := filepath.Join(dir, "noise.log") // lines, but no audit record
	if err := os.WriteFile(noise, []byte("not json\nnor this\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := Options{Bucket: time.Minute, By: "operation", Logs: []string{fixtureLog}}
	tests := []struct {
		name     string
		o        func(*Options)
		wantErr  string // the error's text; problem.Found's for findings
		wantHint bool
		wantOut  bool     // a report on stdout
		wantWarn []string // the warnings, each a *FileError
	}{
		{
			name:    "partial with json",
			o:       func(o *Options) { o.Partial, o.JSON = true, true },
			wantErr: "--partial writes the aggregate only; use --json and --svg with 'irp impact merge'",
		},
		{
			name:    "chart in a missing directory",
			o:       func(o *Options) { o.SVG = filepath.Join(dir, "nope", "c.svg") },
			wantErr: "--svg " + filepath.Join(dir, "nope", "c.svg") + ": directory " + filepath.Join(dir, "nope") + ": no such file or directory",
		},
		{
			name:    "chart under a file",
			o:       func(o *Options) { o.SVG = filepath.Join(file, "c.svg") },
			wantErr: "--svg " + filepath.Join(file, "c.svg") + ": " + file + " is not a directory",
		},
		{
			// The report is printed; only the chart could not be written.
			name:    "chart cannot be written",
			o:       func(o *Options) { o.SVG = taken },
			wantErr: "writing " + taken + ": ",
			wantOut: true,
		},
		{
			name:     "a log that cannot be read",
			o:        func(o *Options) { o.Logs = append(o.Logs, missing) },
			wantErr:  problem.Found.Error(),
			wantOut:  true,
			wantWarn: []string{missing + ": no such file or directory"},
		},
		{
			name:     "no log can be read",
			o:        func(o *Options) { o.Logs = []string{missing} },
			wantErr:  problem.Found.Error(),
			wantWarn: []string{missing + ": no such file or directory"},
		},
		{
			name:     "no audit record",
			o:        func(o *Options) { o.Logs = []string{noise} },
			wantErr:  "no audit records in 2 lines (2 skipped)",
			wantHint: true,
		},
		{
			// The warning says what is missing; the hint would not help.
			name:     "no audit record, and a log that cannot be read",
			o:        func(o *Options) { o.Logs = []string{noise, missing} },
			wantErr:  "no audit records in 2 lines (2 skipped)",
			wantWarn: []string{missing + ": no such file or directory"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := base
			o.Logs = append([]string(nil), base.Logs...)
			tt.o(&o)
			var out, errOut bytes.Buffer
			var warned []string
			warn := func(err error) {
				if _, ok := err.(*FileError); !ok {
					t.Errorf("warning %T %v, want a *FileError", err, err)
				}
				warned = append(warned, err.Error())
			}
			err := Run(o, Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Warn: warn})
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Fatalf("Run = %v, want %q...", err, tt.wantErr)
			}
			if got := problem.Hint(err) != ""; got != tt.wantHint {
				t.Errorf("hint %q", problem.Hint(err))
			}
			if got := out.Len() > 0; got != tt.wantOut {
				t.Errorf("stdout:\n%s", out.String())
			}
			if strings.Join(warned, "\n") != strings.Join(tt.wantWarn, "\n") || errOut.Len() > 0 {
				t.Errorf("warnings %q, want %q; stderr %q", warned, tt.wantWarn, errOut.String())
			}
		})
	}
}

// TestRunMergeOfPartial: a partial of the fixture merges into the report
// Run prints for it; what cannot be merged is an error.
func TestRunMergeOfPartial(t *testing.T) {
	o := Options{Bucket: time.Minute, By: "operation", Logs: []string{fixtureLog}}
	var want, partial bytes.Buffer
	if err := Run(o, Streams{Out: &want, ErrOut: &bytes.Buffer{}}); err != nil {
		t.Fatal(err)
	}
	o.Partial = true
	if err := Run(o, Streams{Out: &partial, ErrOut: &bytes.Buffer{}}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := RunMerge(Options{Logs: []string{"-"}}, Streams{In: &partial, Out: &out, ErrOut: &bytes.Buffer{}}); err != nil {
		t.Fatal(err)
	}
	if out.String() != want.String() {
		t.Errorf("merged report:\n%s\nwant:\n%s", out.String(), want.String())
	}

	missing := filepath.Join(t.TempDir(), "missing.partial")
	err := RunMerge(Options{Logs: []string{missing}}, Streams{Out: &out, ErrOut: &bytes.Buffer{}})
	if want := "reading partial: open " + missing + ": no such file or directory"; err == nil || err.Error() != want {
		t.Errorf("RunMerge of a missing file = %v, want %q", err, want)
	}
	err = RunMerge(Options{Logs: []string{"-"}}, Streams{In: strings.NewReader(""), Out: &out, ErrOut: &bytes.Buffer{}})
	if err == nil || errors.Is(err, problem.Found) {
		t.Errorf("RunMerge of nothing = %v, want an error", err)
	}
}
