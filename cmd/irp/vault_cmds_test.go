package main

import (
	"os"
	"strconv"
	"strings"

	"filippo.io/age"
	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for the vault stories.
func init() {
	scriptCmds["agekeygen"] = agekeygenCmd
	scriptCmds["readenv"] = readenvCmd
	scriptCmds["damage"] = damageCmd
}

// agekeygen NAME writes a new age identity to NAME.key and sets $NAME_PUB
// (upper case) to its public key.
func agekeygenCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: agekeygen NAME")
	}
	id, err := age.GenerateX25519Identity()
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]+".key"), []byte("# test key\n"+id.String()+"\n"), 0o600))
	ts.Setenv(strings.ToUpper(args[0])+"_PUB", id.Recipient().String())
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
