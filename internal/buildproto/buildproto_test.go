package buildproto

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestRoundTrip: what irp-site announces is what irp hears, and the
// verdict irp sends is the one irp-site reads.
func TestRoundTrip(t *testing.T) {
	var out bytes.Buffer
	l := NewListener(&out)
	if err := Announce(l, "/site/.public.irp-staging-1", []string{"a/key.txt", "b c.html"}); err != nil {
		t.Fatal(err)
	}
	a, ok := l.Wait()
	if !ok || a.Dir != "/site/.public.irp-staging-1" || strings.Join(a.Suspects, "|") != "a/key.txt|b c.html" || out.Len() != 0 {
		t.Fatalf("heard %+v %v, passed on %q", a, ok, out.String())
	}
	var verdict bytes.Buffer
	if err := SendPublish(&verdict); err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]bool{verdict.String(): true, "publish": true, "": false, "discard\n": false, "publish now\n": false} {
		if got := Verdict(strings.NewReader(in)); got != want {
			t.Errorf("Verdict(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestListenerSplitWrites: lines split anywhere across writes, other lines
// passed on in order, and everything after "staged" passed on as is.
func TestListenerSplitWrites(t *testing.T) {
	stream := "warning: slow\nsuspect one.txt\nsuspect two.txt\nstaged /tmp/s\nbuilt 3 pages\nsuspect not-protocol-now\n"
	for cut := 1; cut < len(stream); cut++ {
		var out bytes.Buffer
		l := NewListener(&out)
		for _, part := range []string{stream[:cut], stream[cut:]} {
			if n, err := l.Write([]byte(part)); n != len(part) || err != nil {
				t.Fatalf("cut %d: Write = %d, %v", cut, n, err)
			}
		}
		a, ok := l.Wait()
		if !ok || a.Dir != "/tmp/s" || strings.Join(a.Suspects, ",") != "one.txt,two.txt" {
			t.Fatalf("cut %d: heard %+v, %v", cut, a, ok)
		}
		if want := "warning: slow\nbuilt 3 pages\nsuspect not-protocol-now\n"; out.String() != want {
			t.Fatalf("cut %d: passed on %q, want %q", cut, out.String(), want)
		}
	}
}

// TestListenerUnknownLine: a line that is not the protocol (even one that
// starts like it) is irp-site's own output.
func TestListenerUnknownLine(t *testing.T) {
	var out bytes.Buffer
	l := NewListener(&out)
	l.Write([]byte("suspects galore\nstaged\nstagedX /x\nSTAGED /y\n"))
	l.Close()
	if a, ok := l.Wait(); ok || len(a.Suspects) > 0 {
		t.Errorf("heard %+v, %v from lines that are not the protocol", a, ok)
	}
	if want := "suspects galore\nstaged\nstagedX /x\nSTAGED /y\n"; out.String() != want {
		t.Errorf("passed on %q, want %q", out.String(), want)
	}
}

// TestChildDiesMidBuild: irp-site announces suspects, then dies before the
// staged line, halfway through a line: irp hears no staged build, and the
// half line is passed on.
func TestChildDiesMidBuild(t *testing.T) {
	if os.Getenv("BUILDPROTO_CHILD") == "1" {
		os.Stdout.WriteString("suspect a.txt\nstag")
		os.Exit(3)
	}
	var out bytes.Buffer
	l := NewListener(&out)
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildDiesMidBuild$")
	cmd.Env = append(os.Environ(), "BUILDPROTO_CHILD=1")
	cmd.Stdout = l
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("child: %v", err)
	}
	l.Close()
	if a, ok := l.Wait(); ok {
		t.Errorf("heard a staged build %+v from a child that died", a)
	}
	if out.String() != "stag" {
		t.Errorf("passed on %q, want the half line", out.String())
	}
}

func TestRelabel(t *testing.T) {
	var out bytes.Buffer
	r := Relabel(&out, "build", "check: site build")
	for _, part := range []string{"irp: bu", "ild: layouts/x.html: bad\nother line\nirp: build: last"} {
		r.Write([]byte(part))
	}
	r.Flush()
	if want := "irp: check: site build: layouts/x.html: bad\nother line\nirp: check: site build: last"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}
