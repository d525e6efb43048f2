// Command bench times `irp build` (and `irp-site build` alone) against the
// stock Hugo v0.165.0 CLI on the same synthetic site (2,000 pages of about ten sections each, code
// blocks and internal links, built with the irp theme) and prints the
// medians and their ratio. Run it from the repository root: make bench-site.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

const hugoVersion = "v0.165.0"

// benchSeed seeds the synthetic site (-seed).
var benchSeed uint64 = 1

func main() {
	pages := flag.Int("pages", 2000, "pages in the synthetic site")
	runs := flag.Int("runs", 5, "timed runs of each tool")
	keep := flag.Bool("keep", false, "keep the synthetic site (its path is printed)")
	edits := flag.Int("edits", 5, "timed edits for irp serve and hugo server (0: none)")
	seed := flag.Uint64("seed", 1, "seed of the synthetic site's text and shape (vary it)")
	flag.Parse()
	benchSeed = *seed
	if err := run(*pages, *runs, *edits, *keep); err != nil {
		fmt.Fprintf(os.Stderr, "bench-site: %v\n", err)
		os.Exit(1)
	}
}

func run(pages, runs, edits int, keep bool) error {
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "themes", "irp")); err != nil {
		return fmt.Errorf("run from the repository root (no themes/irp here)")
	}
	site := filepath.Join(root, "bin", "irp-site")
	irpBin := filepath.Join(root, "bin", "irp")
	for bin, pkg := range map[string]string{site: "./cmd/irp-site", irpBin: "./cmd/irp"} {
		if _, err := os.Stat(bin); err != nil {
			fmt.Fprintln(os.Stderr, "building", bin)
			if err := goBuild(root, bin, pkg); err != nil {
				return err
			}
		}
	}
	hugo, err := stockHugo(root)
	if err != nil {
		return err
	}

	dir, err := os.MkdirTemp("", "irp-bench-site-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(dir)
	}
	if err := generate(dir, root, pages); err != nil {
		return err
	}
	fmt.Printf("synthetic site: %d pages × 5–15 sections (seed %d), a git checkout, in %s\n", pages, benchSeed, dir)

	// irp build is what a user runs: the content lint (links, anchors,
	// cheat-sheet schema), then irp-site (Hugo, search index), then the
	// private-key scan of the output (the sealed-text scan needs a vault).
	// The sites are written to memory (tmpfs) where there is one: this
	// machine's disk discards freed blocks on every delete, which made the
	// system time of a build grow run after run whichever tool ran it.
	outDir := dir
	if shm, err := os.MkdirTemp("/dev/shm", "irp-bench-site-"); err == nil {
		outDir = shm
		defer os.RemoveAll(shm)
		fmt.Printf("built sites go to %s (tmpfs)\n", shm)
	}
	irpDest := filepath.Join(outDir, "public-irp")
	siteDest := filepath.Join(outDir, "public-site")
	hugoDest := filepath.Join(outDir, "public-hugo")
	cmds := []struct {
		argv []string
		dest string
		got  []sample
	}{
		{argv: []string{irpBin, "build", "--dest", irpDest}, dest: irpDest},
		{argv: []string{site, "build", "--source", dir, "--dest", siteDest}, dest: siteDest},
		{argv: []string{hugo, "--source", dir, "--destination", hugoDest, "--quiet"}, dest: hugoDest},
	}
	// One untimed run each warms the file cache and Hugo's caches.
	for _, c := range cmds {
		if _, err := timed(dir, c.argv); err != nil {
			return err
		}
	}
	// Runs alternate, in an order that turns each round, so that a change
	// in machine load hits every tool.
	for i := 0; i < runs; i++ {
		for k := range cmds {
			j := (i + k) % len(cmds)
			os.RemoveAll(cmds[j].dest)
			r, err := timed(dir, cmds[j].argv)
			if err != nil {
				return err
			}
			cmds[j].got = append(cmds[j].got, r)
		}
	}
	report := func(name string, ss []sample) (wall, cpu time.Duration) {
		var walls, cpus []time.Duration
		var rss int64
		for _, s := range ss {
			walls, cpus, rss = append(walls, s.wall), append(cpus, s.cpu), max(rss, s.rss)
		}
		wall, cpu = median(walls), median(cpus)
		fmt.Printf("%-40s wall median %-8v runs %v\n%40s cpu  median %-8v max RSS %d MB\n",
			name, wall.Round(time.Millisecond), rounded(walls), "", cpu.Round(time.Millisecond), rss>>10)
		return wall, cpu
	}
	if runs > 0 {
		wi, ci := report("irp build (lint, search index, key scan)", cmds[0].got)
		ws, cs := report("irp-site build alone", cmds[1].got)
		wh, ch := report("stock hugo "+hugoVersion, cmds[2].got)
		fmt.Printf("ratio irp build/hugo: %.2f× wall, %.2f× cpu (target ≤ 1.10×)\n", float64(wi)/float64(wh), float64(ci)/float64(ch))
		fmt.Printf("ratio irp-site/hugo:  %.2f× wall, %.2f× cpu\n", float64(ws)/float64(wh), float64(cs)/float64(ch))
		// The machine's speed drifts between rounds more than the tools differ
		// (a VM sharing its host): the ratio within each round cancels that.
		maxRSS := func(ss []sample) (m int64) {
			for _, s := range ss {
				m = max(m, s.rss)
			}
			return m
		}
		fmt.Printf("ratio of peak RSS: irp build/hugo %.2f×, irp-site/hugo %.2f× (target ≤ 1.25×)\n",
			float64(maxRSS(cmds[0].got))/float64(maxRSS(cmds[2].got)), float64(maxRSS(cmds[1].got))/float64(maxRSS(cmds[2].got)))
		fmt.Printf("median of per-round ratios: irp build/hugo %.2f× wall, %.2f× cpu; irp-site/hugo %.2f× wall\n",
			pairedRatio(cmds[0].got, cmds[2].got, false), pairedRatio(cmds[0].got, cmds[2].got, true),
			pairedRatio(cmds[1].got, cmds[2].got, false))
		if b, err := os.ReadFile("/proc/loadavg"); err == nil {
			fmt.Printf("load average during the runs: %s", b)
		}
	}
	st, err := os.Stat(filepath.Join(irpDest, "search-index.js"))
	if err != nil {
		return err
	}
	fmt.Printf("search-index.js: %.1f MB (%d bytes)\n", float64(st.Size())/(1<<20), st.Size())
	if edits > 0 {
		return serveBench(dir, irpBin, hugo, edits)
	}
	return nil
}

func goBuild(root, out, pkg string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// stockHugo builds the Hugo CLI at the version go.mod pins, from the module
// cache, once, into the user's cache dir.
func stockHugo(root string) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	bin := filepath.Join(cache, "irp", "bench", "hugo-"+hugoVersion)
	if out, err := exec.Command(bin, "version").Output(); err == nil && strings.Contains(string(out), hugoVersion) {
		return bin, nil
	}
	fmt.Fprintf(os.Stderr, "building stock hugo %s into %s (once)\n", hugoVersion, bin)
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		return "", err
	}
	if err := goBuild(root, bin, "github.com/gohugoio/hugo"); err != nil {
		return "", fmt.Errorf("building hugo: %w", err)
	}
	return bin, nil
}

// sample is one run: wall-clock time, CPU time (user+system, which other
// work on a busy machine disturbs less) and peak RSS in KB.
type sample struct {
	wall, cpu time.Duration
	rss       int64
}

func timed(dir string, argv []string) (sample, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	var errb strings.Builder
	cmd.Stderr = &errb
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start)}
	if err != nil {
		return s, fmt.Errorf("%s: %v\n%s", filepath.Base(argv[0]), err, errb.String())
	}
	s.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rss = ru.Maxrss // KB on Linux
	}
	return s, nil
}

// pairedRatio is the median over rounds of a's time over b's, wall or cpu.
func pairedRatio(a, b []sample, cpu bool) float64 {
	var rs []float64
	for i := range a {
		x, y := a[i].wall, b[i].wall
		if cpu {
			x, y = a[i].cpu, b[i].cpu
		}
		rs = append(rs, float64(x)/float64(y))
	}
	sort.Float64s(rs)
	return rs[len(rs)/2]
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func rounded(ds []time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = d.Round(time.Millisecond)
	}
	return out
}

var words = strings.Fields(`zone memory cpu latency saturation errors disk pool
zfs arc request muskie moray postgres shard manatee binder zookeeper electric
storage metadata front door loadbalancer haproxy nginx mako marlin job task
reduce map upload timeout retry socket tcp retransmit queue backlog throttle
process thread stack core dump dtrace probe prstat vmstat iostat mpstat kstat
svcs svcadm smf service restart maintenance log audit operation status code`)

var sections = []string{"tools", "guide", "components", "resources"}

// generate writes a site with the repo's config and a copy of the theme on
// disk (so the stock hugo sees the same theme as irp-site).
// cheatSections are the first headings of a generated cheat-sheet, as the
// schema wants them.
var cheatSections = []string{"When to reach for it", "Examples", "Reading the output", "Pitfalls"}

func generate(dir, root string, pages int) error {
	cfg := `baseURL = "/"
title = "Bench"
locale = "en"
theme = "irp"
enableGitInfo = true
relativeURLs = true
disableKinds = ["taxonomy", "term", "rss"]
[markup.goldmark.parser.attribute]
block = true
[markup.tableOfContents]
startLevel = 2
endLevel = 3
`
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(cfg), 0o644); err != nil {
		return err
	}
	if err := copyTree(filepath.Join(root, "themes", "irp"), filepath.Join(dir, "themes", "irp")); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(benchSeed, 2))
	sentence := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	name := func(i int) (sec, file string) {
		return sections[i%len(sections)], fmt.Sprintf("page-%04d", i)
	}
	for _, sec := range sections {
		p := filepath.Join(dir, "content", sec, "_index.md")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(fmt.Sprintf("+++\ntitle = %q\n+++\n%s\n", strings.ToUpper(sec[:1])+sec[1:], sentence(20))), 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("+++\ntitle = \"Home\"\n+++\nThe bench site.\n"), 0o644); err != nil {
		return err
	}
	for i := 0; i < pages; i++ {
		sec, file := name(i)
		tool := sec == "tools" // a cheat-sheet: irp build checks its schema
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = \"%s %s %d\"\nsummary = %q\nsymptoms = [%q, %q]\n",
			words[rng.IntN(len(words))], words[rng.IntN(len(words))], i, sentence(8), sentence(3), sentence(2))
		if tool {
			b.WriteString("platform = \"SmartOS\"\ncomponents = [\"any\"]\nmanta = [\"v1\", \"v2\"]\n" +
				"sources = [{title = \"prstat(1M)\", url = \"https://illumos.org/man/1M/prstat\"}]\n")
		}
		fmt.Fprintf(&b, "+++\n\n%s\n", sentence(30))
		// Pages vary as a knowledge base's do: 5 to 15 sections, some with
		// a table, one to three links to other pages.
		nsec := 5 + rng.IntN(11)
		for h := 0; h < nsec; h++ {
			heading := fmt.Sprintf("%s %s %d", words[rng.IntN(len(words))], words[rng.IntN(len(words))], h)
			switch {
			case tool && h < len(cheatSections):
				heading = cheatSections[h]
			case h == 0:
				heading = "Reading the output"
			}
			if h%3 == 2 && !(tool && h < len(cheatSections)) {
				fmt.Fprintf(&b, "\n### %s\n\n", heading)
			} else {
				fmt.Fprintf(&b, "\n## %s\n\n", heading)
			}
			if heading == "Examples" {
				for e := 0; e < 3; e++ {
					fmt.Fprintf(&b, "%s\n\n```sh\nprstat -mLc -p {{pid}} %d\n```\n\n", sentence(6), e+1)
				}
			}
			fmt.Fprintf(&b, "%s %s\n\n", sentence(25), sentence(15))
			if h%2 == 0 {
				// A read-only command (a random first word may be one that
				// changes the system, which the schema wants marked).
				fmt.Fprintf(&b, "```sh\npgrep -fl %s | sort -n | head -%d\n```\n\n", words[rng.IntN(len(words))], 1+rng.IntN(20))
			}
			if h%5 == 3 {
				b.WriteString("| column | value | note |\n|---|---|---|\n")
				for r := 0; r < 2+rng.IntN(6); r++ {
					fmt.Fprintf(&b, "| %s | %d | %s |\n", words[rng.IntN(len(words))], rng.IntN(1000), sentence(4))
				}
				b.WriteString("\n")
			}
			for l := 0; l < 1+rng.IntN(3); l++ {
				j := rng.IntN(pages)
				tsec, tfile := name(j)
				fmt.Fprintf(&b, "See [%s](../%s/%s.md), [its output](/%s/%s.md#reading-the-output) and [the section](/%s/_index.md).\n",
					tfile, tsec, tfile, tsec, tfile, sec)
			}
		}
		p := filepath.Join(dir, "content", sec, file+".md")
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return gitCheckout(dir)
}

// gitCheckout makes dir a git work tree with its content committed, as a
// real project is (enableGitInfo reads each page's last commit).
func gitCheckout(dir string) error {
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "synthetic site"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v\n%s", args[0], err, out)
		}
	}
	return nil
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(src, p)
		t := filepath.Join(dst, r)
		if d.IsDir() {
			return os.MkdirAll(t, 0o755)
		}
		if strings.HasSuffix(p, ".go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(t, b, 0o644)
	})
}
