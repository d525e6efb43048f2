package main

import (
	"debug/elf"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildsForIllumos keeps the binary that runs in Manta's webapi zones
// (SmartOS) building: `irp impact --partial` runs there, and nothing else in
// the suite compiles for illumos.
func TestBuildsForIllumos(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles irp")
	}
	bin := filepath.Join(t.TempDir(), "irp")
	cmd := exec.Command("go", "build", "-o", bin, "irp/cmd/irp")
	cmd.Env = append(os.Environ(), "GOOS=illumos", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=illumos go build: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// illumos binaries are loaded by the illumos runtime linker even with
	// CGO_ENABLED=0: Go calls libc there.
	var interp string
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			b, _ := io.ReadAll(p.Open())
			interp = strings.TrimRight(string(b), "\x00")
		}
	}
	if f.Machine != elf.EM_X86_64 || interp != "/lib/amd64/ld.so.1" {
		t.Fatalf("not an illumos amd64 binary: machine %v, interpreter %q", f.Machine, interp)
	}
}
