package main

import (
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	scriptCmds["freeport"] = freeportCmd
	scriptCmds["httpwait"] = httpwaitCmd
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
