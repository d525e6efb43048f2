package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() { scriptCmds["oneachjson"] = oneachJSONCmd }

// oneachJSONCmd writes what `manta-oneach -J` prints: one JSON object per
// zone, with the keys in the order mzResultToJson writes them
// (sdc-manta lib/oneach/oneach.js, urStart and urDone):
//
//	oneachjson OUT ZONE:ok:FILE | ZONE:exit1:STDERR | ZONE:error:MESSAGE | ZONE:killed | ZONE:empty ...
//
// ok prints FILE on stdout with exit status 0; exit1 prints STDERR and
// exits 1; error is a failure to run at all (a VError, serialised);
// killed has no exit status (Ur's reply when the command was killed);
// empty exits 0 having printed nothing.
func oneachJSONCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: oneachjson OUT ZONE:KIND[:ARG]...")
	}
	type result struct {
		ExitStatus *int   `json:"exit_status,omitempty"`
		Stdout     string `json:"stdout"`
		Stderr     string `json:"stderr"`
	}
	type vError struct {
		ShortMsg string         `json:"jse_shortmsg"`
		Info     map[string]any `json:"jse_info"`
		Message  string         `json:"message"`
	}
	type summary struct {
		UUID     string  `json:"uuid"`
		Hostname string  `json:"hostname"`
		Zonename string  `json:"zonename"`
		Service  string  `json:"service"`
		Result   *result `json:"result,omitempty"`
		Error    *vError `json:"error,omitempty"`
	}
	zero, one := 0, 1
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	for _, spec := range args[1:] {
		f := strings.SplitN(spec, ":", 3)
		s := summary{UUID: "44454c4c-5700-1047-8051-b3c04f585131", Hostname: "RA14872", Zonename: f[0], Service: "webapi"}
		switch {
		case len(f) == 3 && f[1] == "ok":
			b, err := os.ReadFile(ts.MkAbs(f[2]))
			ts.Check(err)
			s.Result = &result{ExitStatus: &zero, Stdout: string(b)}
		case len(f) == 3 && f[1] == "exit1":
			s.Result = &result{ExitStatus: &one, Stderr: f[2] + "\n"}
		case len(f) == 3 && f[1] == "error":
			s.Error = &vError{f[2], map[string]any{}, f[2]}
		case len(f) == 2 && f[1] == "killed":
			s.Result = &result{Stdout: `{"format":"irp-impact-partial","vers`}
		case len(f) == 2 && f[1] == "empty":
			s.Result = &result{ExitStatus: &zero}
		default:
			ts.Fatalf("oneachjson: bad result %q", spec)
		}
		ts.Check(enc.Encode(s))
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), out.Bytes(), 0o644))
}
