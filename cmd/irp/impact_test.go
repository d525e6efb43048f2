package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"strconv"
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
