package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestVaultPathIsLight keeps `irp vault open` from paying for the site
// engine: the irp binary must not link Hugo, and the package
// initialisation it runs before any command must stay small. Allocation
// totals from GODEBUG=inittrace are counted, not times, so the test does
// not depend on the machine's speed (irp-site allocates ~15 MB at init).
func TestVaultPathIsLight(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the irp binary")
	}
	deps, err := exec.Command("go", "list", "-deps", "irp/cmd/irp").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(deps)) {
		if strings.HasPrefix(pkg, "github.com/gohugoio/") {
			t.Fatalf("irp links %s: the site engine belongs in irp-site", pkg)
		}
	}
	bin := filepath.Join(t.TempDir(), "irp")
	if out, err := exec.Command("go", "build", "-o", bin, "irp/cmd/irp").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "vault", "open", "amber-heron")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, _ := cmd.CombinedOutput() // fails: no project here
	const limit = 2 << 20
	total, inits := 0, 0
	var heavy []string
	for _, line := range strings.Split(string(out), "\n") {
		// init PKG @T ms, C ms clock, B bytes, A allocs
		f := strings.Fields(line)
		if len(f) < 11 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		b, err := strconv.Atoi(f[7])
		if err != nil {
			t.Fatalf("inittrace line %q: %v", line, err)
		}
		total += b
		inits++
		if b > 64<<10 {
			heavy = append(heavy, fmt.Sprintf("%s %d bytes", f[1], b))
		}
	}
	if inits == 0 {
		t.Fatalf("no inittrace output:\n%s", out)
	}
	if total > limit {
		t.Errorf("package initialisation allocates %d bytes before irp vault open runs (limit %d); largest: %s",
			total, limit, strings.Join(heavy, ", "))
	}
	t.Logf("%d package inits, %d bytes", inits, total)
}
