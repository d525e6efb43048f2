package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"irp/internal/impact/gen"
)

func init() { scriptCmds["impactgen"] = impactGenCmd }

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

// TestWriteAtomic: the chart appears whole or not at all. A write that
// fails half-way leaves the earlier file as it was and no stray files.
func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chart.svg")
	if err := writeAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "<svg>one</svg>\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := writeAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "<svg>half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want the write's error", err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "<svg>one</svg>\n" {
		t.Fatalf("after a failed write the file holds %q (%v), want the earlier chart", got, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q, want only chart.svg", names)
	}
	if err := writeAtomic(filepath.Join(dir, "nope", "chart.svg"), func(io.Writer) error { return nil }); err == nil {
		t.Errorf("writing into a missing directory succeeded")
	}
}
