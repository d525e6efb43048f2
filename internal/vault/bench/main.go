// Command bench times the vault against the stock age CLI: irp vault open
// vs age -d on the same file (median of 21 runs each), and irp vault rekey
// of 1,000 scenarios sealed to 10 recipients. Run it from the repository
// root after make (it uses bin/irp): go run ./internal/vault/bench
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"filippo.io/age"

	"irp/internal/project"
	"irp/internal/scenario"
	"irp/internal/vault"
)

const runs = 41

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench-vault:", err)
		os.Exit(1)
	}
}

func run() error {
	irp, err := filepath.Abs(filepath.Join("bin", "irp"))
	if err != nil {
		return err
	}
	if _, err := os.Stat(irp); err != nil {
		return fmt.Errorf("%s missing: run make first", irp)
	}
	dir, err := os.MkdirTemp("", "irp-bench-vault-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	// Ten recipients; the first identity is the caller's.
	var ids []*age.X25519Identity
	var rec bytes.Buffer
	for i := range 10 {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return err
		}
		ids = append(ids, id)
		fmt.Fprintf(&rec, "%s # person %d\n", id.Recipient(), i)
	}
	key := filepath.Join(dir, "key.txt")
	if err := os.WriteFile(key, []byte(ids[0].String()+"\n"), 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), nil, 0o644); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "vault", "scenarios"), 0o755); err != nil {
		return err
	}

	// open vs age -d: one scenario, one recipient, like a small team's file.
	one := ids[0].Recipient().String() + " # me\n"
	if err := os.WriteFile(filepath.Join(dir, "vault", "recipients"), []byte(one), 0o644); err != nil {
		return err
	}
	v, err := vault.Load(project.Project{Dir: dir})
	if err != nil {
		return err
	}
	if err := v.Put(sample("amber-heron")); err != nil {
		return err
	}
	fmt.Printf("vault bench on %d CPUs (%s)\n", runtime.NumCPU(), time.Now().UTC().Format(time.RFC3339))
	openIrp := func() error { return quiet(dir, irp, "vault", "open", "amber-heron", "-i", key) }
	agePath, ageErr := exec.LookPath("age")
	if ageErr != nil {
		irpOpen := median(runs, openIrp)
		if irpOpen < 0 {
			return fmt.Errorf("irp vault open failed: %s", lastErr)
		}
		fmt.Printf("irp vault open ID      median %6.1f ms\n", ms(irpOpen))
		fmt.Println("age -d: skipped (age CLI not installed)")
	} else {
		// Alternate the two, so that a busy moment of the machine costs
		// both the same.
		openAge := func() error { return quiet(dir, agePath, "-d", "-i", key, v.ScenarioFile("amber-heron")) }
		irpOpen, ageD := pairedMedians(runs, openIrp, openAge)
		if irpOpen < 0 || ageD < 0 {
			return fmt.Errorf("irp vault open or age -d failed: %s", lastErr)
		}
		fmt.Printf("irp vault open ID      median %6.1f ms  (%d runs, alternating with age)\n", ms(irpOpen), runs)
		fmt.Printf("age -d (same file)     median %6.1f ms\n", ms(ageD))
		fmt.Printf("ratio irp/age          %6.2fx  (target <= 1.5x)\n", float64(irpOpen)/float64(ageD))
	}

	// rekey: 1,000 scenarios x 10 recipients.
	if err := os.WriteFile(filepath.Join(dir, "vault", "recipients"), rec.Bytes(), 0o644); err != nil {
		return err
	}
	if v, err = vault.Load(project.Project{Dir: dir}); err != nil {
		return err
	}
	if err := sealMany(v, 1000); err != nil {
		return err
	}
	var times []time.Duration
	for range 3 {
		start := time.Now()
		if err := quiet(dir, irp, "vault", "rekey", "-i", key); err != nil {
			return fmt.Errorf("irp vault rekey: %v: %s", err, lastErr)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	fmt.Printf("irp vault rekey 1000 files x 10 recipients: median of 3 %.2f s (runs %s)  (target < 3 s)\n",
		times[1].Seconds(), fmtDurations(times))
	return nil
}

var lastErr string

func quiet(dir, prog string, args ...string) error {
	cmd := exec.Command(prog, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if err != nil {
		lastErr = strings.TrimSpace(stderr.String())
	}
	return err
}

// median runs f n times and returns the median wall time, or -1 on error.
func median(n int, f func() error) time.Duration {
	var ds []time.Duration
	for range n {
		start := time.Now()
		if err := f(); err != nil {
			return -1
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[n/2]
}

// pairedMedians runs f and g alternately n times each and returns their
// median wall times, or -1 for one that failed.
func pairedMedians(n int, f, g func() error) (time.Duration, time.Duration) {
	var fs, gs []time.Duration
	for range n {
		for _, x := range []struct {
			run func() error
			ds  *[]time.Duration
		}{{f, &fs}, {g, &gs}} {
			start := time.Now()
			if err := x.run(); err != nil {
				return -1, -1
			}
			*x.ds = append(*x.ds, time.Since(start))
		}
	}
	slices.Sort(fs)
	slices.Sort(gs)
	return fs[n/2], gs[n/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func fmtDurations(ds []time.Duration) string {
	var parts []string
	for _, d := range ds {
		parts = append(parts, fmt.Sprintf("%.2f", d.Seconds()))
	}
	return strings.Join(parts, ", ")
}

func sample(id string) *scenario.Scenario {
	src := scenario.Template(id)
	s, err := scenario.Parse(id+".md", src)
	if err != nil {
		panic(err)
	}
	return s
}

func sealMany(v *vault.Vault, n int) error {
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, runtime.NumCPU())
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			id := fmt.Sprintf("bench-%04d", i)
			if err := v.Put(sample(id)); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}
