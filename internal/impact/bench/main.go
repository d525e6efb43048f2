// Command bench measures irp impact against jq and DuckDB on ≥ 1 GB of
// generated muskie audit lines and checks that they count the same
// requests (DuckDB's node package is installed from npm into the cache
// dir when node is there; the product does not depend on it).
//
// Run it from the repository root (make bench-impact). The log is generated
// once into the user cache dir and reused; its ground truth (the audit
// records with an unusable time, which jq counts and irp skips) is kept next
// to it.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"irp/internal/impact/gen"
)

// logVersion changes whenever the generated log would change.
const logVersion = "v4"

const jqFilter = `fromjson? | select(.audit==true) | [.operation,.res.statusCode]`

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench-impact:", err)
		os.Exit(1)
	}
}

type truth struct {
	Lines   int            `json:"lines"`
	BadTime map[string]int `json:"bad_time"` // "op status" → audit records with an unusable time
}

func run() error {
	if out, err := exec.Command("make", "bin/irp").CombinedOutput(); err != nil {
		return fmt.Errorf("make bin/irp: %v\n%s", err, out)
	}
	irp, err := filepath.Abs("bin/irp")
	if err != nil {
		return err
	}
	logPath, tr, err := ensureLog()
	if err != nil {
		return err
	}
	fi, err := os.Stat(logPath)
	if err != nil {
		return err
	}
	mb := float64(fi.Size()) / 1e6
	fmt.Printf("input: %s, %.0f MB, %d lines, %d CPUs\n", logPath, mb, tr.Lines, runtime.NumCPU())

	// Warm the page cache so every tool reads from memory.
	if _, err := timed("cat", logPath); err != nil {
		return err
	}
	wc, _ := timed("wc", "-l", logPath)
	fmt.Printf("wc -l:                 %6.2f s  %7.0f MB/s\n", wc.wall.Seconds(), mb/wc.wall.Seconds())

	var best *measured
	for range 3 {
		m, err := timed(irp, "impact", "--json", logPath)
		if err != nil {
			return err
		}
		if best == nil || m.wall < best.wall {
			best = m
		}
	}
	fmt.Printf("irp impact --json:     %6.2f s  %7.0f MB/s  (best of 3; user+sys %.2f s, max RSS %.0f MB)\n",
		best.wall.Seconds(), mb/best.wall.Seconds(), best.cpu.Seconds(), float64(best.maxRSS)/1e6)

	jq, err := timed("sh", "-c", "jq -cR '"+jqFilter+"' "+shellQuote(logPath)+" | sort | uniq -c")
	if err != nil {
		return err
	}
	fmt.Printf("jq | sort | uniq -c:   %6.2f s  %7.0f MB/s\n", jq.wall.Seconds(), mb/jq.wall.Seconds())
	fmt.Printf("irp is %.1f× faster than jq (target ≥ 10×), %.0f MB/s (target ≥ 300 MB/s)\n",
		jq.wall.Seconds()/best.wall.Seconds(), mb/best.wall.Seconds())

	// The counts: irp over a window spanning the whole log against jq's.
	whole, err := timed(irp, "impact", "--json", "--from", "1970-01-01T00:00:00Z", "--to", "2100-01-01T00:00:00Z", logPath)
	if err != nil {
		return err
	}
	if err := compare(whole.stdout, jq.stdout, tr); err != nil {
		return err
	}
	return benchDuck(irp, logPath, filepath.Dir(logPath), mb)
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// ensureLog generates the benchmark log unless a complete one is cached.
func ensureLog() (string, truth, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "irp", "bench-impact")
	logPath := filepath.Join(dir, "audit-"+logVersion+".log")
	truthPath := logPath + ".truth.json"
	var tr truth
	if b, err := os.ReadFile(truthPath); err == nil && json.Unmarshal(b, &tr) == nil {
		if _, err := os.Stat(logPath); err == nil {
			return logPath, tr, nil
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", tr, err
	}
	// Logs of earlier generator versions are a GB each: drop them.
	if old, err := filepath.Glob(filepath.Join(dir, "audit-*.log*")); err == nil {
		for _, f := range old {
			if !strings.HasPrefix(f, logPath) {
				os.Remove(f)
			}
		}
	}
	fmt.Printf("generating ≥ 1 GB of audit lines into %s ...\n", logPath)
	start := time.Now()
	f, err := os.Create(logPath + ".tmp")
	if err != nil {
		return "", tr, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	c := gen.Default()
	c.PerSecond = 70 // ≥ 1.1 GB (2,230 bytes a line on average)
	tr.BadTime = map[string]int{}
	gen.Generate(c, func(ev gen.Event, line []byte) {
		w.Write(line)
		w.WriteByte('\n')
		tr.Lines++
		if ev.Kind == gen.BadTime {
			tr.BadTime[fmt.Sprintf("%s %d", ev.Operation, ev.Status)]++
		}
	})
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		return "", tr, err
	}
	if err := os.Rename(logPath+".tmp", logPath); err != nil {
		return "", tr, err
	}
	b, _ := json.Marshal(tr)
	if err := os.WriteFile(truthPath, b, 0o644); err != nil {
		return "", tr, err
	}
	fmt.Printf("generated in %.1f s\n", time.Since(start).Seconds())
	return logPath, tr, nil
}

type measured struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes
	stdout    []byte
}

// timed runs a command and measures wall time, CPU time and peak RSS,
// through /usr/bin/time -v when it is there, else from rusage.
func timed(name string, args ...string) (*measured, error) {
	var cmd *exec.Cmd
	gnuTime := false
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		gnuTime = true
		cmd = exec.Command("/usr/bin/time", append([]string{"-v", name}, args...)...)
	} else {
		cmd = exec.Command(name, args...)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	m := &measured{wall: time.Since(start), stdout: stdout.Bytes()}
	if err != nil {
		return nil, fmt.Errorf("%s: %v\n%s", name, err, stderr.String())
	}
	if ps := cmd.ProcessState; ps != nil {
		m.cpu = ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			m.maxRSS = ru.Maxrss * 1024
		}
	}
	if gnuTime {
		if sub := regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`).FindSubmatch(stderr.Bytes()); sub != nil {
			kb, _ := strconv.ParseInt(string(sub[1]), 10, 64)
			m.maxRSS = kb * 1024
		}
	}
	return m, nil
}

// compare checks irp's per-operation status counts against jq's. jq also
// counts audit records whose time is unusable (irp skips them: it cannot
// place them in time), so those are added from the ground truth; records
// without a numeric status appear in jq's output as null or a string and
// are left out.
func compare(irpJSON, jqOut []byte, tr truth) error {
	var rep struct {
		Operations []struct {
			Operation string         `json:"operation"`
			Statuses  map[string]int `json:"statuses"`
		} `json:"operations"`
	}
	if err := json.Unmarshal(irpJSON, &rep); err != nil {
		return fmt.Errorf("reading irp's JSON: %v", err)
	}
	got := map[string]int{}
	for _, op := range rep.Operations {
		for st, n := range op.Statuses {
			got[op.Operation+" "+st] += n
		}
	}
	for k, n := range tr.BadTime {
		got[k] += n
	}
	want := map[string]int{}
	row := regexp.MustCompile(`^\s*(\d+) \["([^"]*)",(\d+)\]$`)
	for _, l := range strings.Split(string(jqOut), "\n") {
		if m := row.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			want[m[2]+" "+m[3]] += n
		}
	}
	var diffs []string
	total := 0
	for k, n := range want {
		total += n
		if got[k] != n {
			diffs = append(diffs, fmt.Sprintf("%s: irp %d, jq %d", k, got[k], n))
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: irp %d, jq 0", k, n))
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		return fmt.Errorf("counts differ from jq's:\n  %s", strings.Join(diffs, "\n  "))
	}
	fmt.Printf("counts agree with jq: %d operation×status pairs, %d requests\n", len(want), total)
	return nil
}
