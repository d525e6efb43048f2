package site

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkSearchChromium builds a generated site of 10,000 heading
// sections (1,000 pages of ten, about 1 KB of text each, a Zipf-distributed
// vocabulary) and measures its search in headless Chromium, from file://
// and over HTTP, with the real clock:
//
//   - first results: how long after navigating to search/?q=… the first
//     hits are shown (and the snippets filled), for each of a set of queries;
//   - keystrokes: each query typed into the header box of a freshly opened
//     page, right after focusing it, one key at a time; the time from the
//     key's input event to the menu showing that prefix's hits;
//   - the page's JavaScript heap after those searches (after a GC).
//
// Run it with make bench, or
//
//	go test -run '^$' -bench SearchChromium -benchtime 1x ./internal/site
//
// The figures are logged and reported as metrics; they are not asserted.
func BenchmarkSearchChromium(b *testing.B) {
	chromium(b)
	dir := b.TempDir()
	if err := generateSearchSite(dir, 1000); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	res, err := Build(Options{Source: dir, Dest: filepath.Join(dir, "public")})
	if err != nil {
		b.Fatal(err)
	}
	public := res.Dest
	manifest, _ := os.Stat(filepath.Join(public, IndexFile))
	b.Logf("generated site: %d index entries, built in %v; index %.1f MB in all, manifest %.2f MB",
		res.IndexDocs, time.Since(t0).Round(time.Millisecond), float64(res.IndexBytes)/1e6, float64(manifest.Size())/1e6)
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	b.Cleanup(srv.Close)
	schemes := []struct{ name, root string }{
		{"file", (&url.URL{Scheme: "file", Path: filepath.ToSlash(public) + "/"}).String()},
		{"http", srv.URL + "/"},
	}
	pageQueries := []string{"shard primary latency", "memory", "zone out of memory", "manta-adm", "moraystat", "ma", "man", "manta-o", "xyzzyplugh"}
	typed := []string{"shard primary latency", "zone out of memory", "manta-adm", "moraystat.d", "postgres replication lag"}

	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range schemes {
			br := startCDP(b)
			var worstFirst, worstDone, worstKey float64
			var worstKeyAt string
			for _, q := range pageQueries {
				br.navigate(b, s.root+"search/index.html?q="+url.QueryEscape(q))
				var got struct {
					State       string
					First, Done float64
					Count       string
				}
				br.eval(b, `new Promise(function (resolve) {
					var list = document.getElementById("search-results");
					(function poll() {
						if (list.dataset.state === "done" || list.dataset.state === "error") {
							resolve({state: list.dataset.state, first: irpSearch.stats.firstResultMs, done: irpSearch.stats.doneMs, count: list.dataset.count});
						} else setTimeout(poll, 5);
					})();
				})`, &got)
				if got.State != "done" {
					b.Fatalf("%s: search/?q=%s ended in state %q", s.name, q, got.State)
				}
				b.Logf("%-4s results page %-24q %4s pages  first results %6.1f ms  snippets %6.1f ms", s.name, q, got.Count, got.First, got.Done)
				worstFirst, worstDone = max(worstFirst, got.First), max(worstDone, got.Done)
			}
			for _, q := range typed {
				br.navigate(b, s.root+"index.html")
				br.eval(b, `window.addEventListener("input", function () { window.benchInputAt = performance.now(); }, true);
					document.getElementById("search-box").focus(); true`, nil)
				var keys []string
				for k, r := range []rune(q) {
					br.call(b, "Input.insertText", map[string]any{"text": string(r)}, nil)
					if k == 0 {
						continue // one character searches nothing
					}
					var ms float64
					br.eval(b, `new Promise(function (resolve) {
						var want = document.getElementById("search-box").value.trim();
						(function poll() {
							if (want.length < 2) return resolve(0);
							var m = irpSearch.menu;
							if (m && m.q === want && m.at >= window.benchInputAt) resolve(m.at - window.benchInputAt);
							else setTimeout(poll, 1);
						})();
					})`, &ms)
					keys = append(keys, strconv.FormatFloat(ms, 'f', 1, 64))
					if ms > worstKey {
						worstKey, worstKeyAt = ms, string([]rune(q)[:k+1])
					}
				}
				var loadMs float64
				br.eval(b, `irpSearch.stats.loadMs`, &loadMs)
				b.Logf("%-4s typing %-26q ms per key: %s (manifest loaded in %.1f ms)", s.name, q, strings.Join(keys, " "), loadMs)
			}
			heap := br.heapMB(b)
			b.Logf("%-4s first results ≤ %.1f ms (snippets ≤ %.1f ms), worst keystroke %.1f ms (%q), JS heap %.1f MB",
				s.name, worstFirst, worstDone, worstKey, worstKeyAt, heap)
			b.ReportMetric(worstFirst, s.name+"-first-ms")
			b.ReportMetric(worstKey, s.name+"-key-ms")
			b.ReportMetric(heap, s.name+"-heap-MB")
		}
	}
}

// generateSearchSite writes a site of pages × 10 sections under dir: text
// drawn from a Zipf-distributed vocabulary (function words, the domain's
// words, then made-up ones), tool-like titles with hyphens and dots, and
// symptoms on every page.
func generateSearchSite(dir string, pages int) error {
	r := rand.New(rand.NewPCG(1, 2))
	common := strings.Fields(`the a to of and in is it for on that with this when as be by or are
		from at an if can you we not but all so than then there which what will into has
		have more some one two first use used each only also may after before about other
		new just see need look way same where how most many much time any such
		start end make take give find keep know read write turn point part place case
		zone memory cpu disk latency request requests error errors shard postgres moray
		manta storage metadata process thread output column count rate queue pool
		connection replication lag service server node headnode network tcp retransmits
		writes reads slow fast cap paging swap file filesystem zfs arc io throughput
		saturation utilisation log logs check run show list status state primary sync
		async failover leader election zookeeper binder dns registrar muskie webapi
		loadbalancer haproxy nginx mako electric boray buckets job jobs agent compute
		datacenter region instance`)
	syll := []string{"ka", "lo", "mi", "ne", "ru", "sta", "tor", "vin", "pe", "qua", "zel", "dor", "fi", "gra", "ho", "jun", "bel", "cri", "mon", "sar"}
	vocab := append([]string(nil), common...)
	for len(vocab) < 30000 {
		var w strings.Builder
		for k := 2 + r.IntN(3); k > 0; k-- {
			w.WriteString(syll[r.IntN(len(syll))])
		}
		vocab = append(vocab, w.String())
	}
	zipf := rand.NewZipf(r, 1.07, 1, uint64(len(vocab)-1))
	words := func(k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(out, " ")
	}
	files := map[string]string{
		"config.toml": "baseURL = \"/\"\ntitle = \"Search bench\"\ntheme = \"irp\"\nrelativeURLs = true\n" +
			"disableKinds = [\"taxonomy\", \"term\", \"rss\"]\n",
		"content/_index.md":       "+++\ntitle = \"Home\"\n+++\nThe search bench.\n",
		"content/tools/_index.md": "+++\ntitle = \"Tools\"\n+++\nEvery tool.\n",
	}
	joiners := []string{"-", ".", "_"}
	seen := map[string]bool{}
	for p := 0; p < pages; p++ {
		title := vocab[100+r.IntN(5000)] + joiners[r.IntN(3)] + vocab[100+r.IntN(5000)]
		switch p {
		case 17:
			title = "manta-adm"
		case 42:
			title = "moraystat.d"
		}
		if seen[title] {
			title += strconv.Itoa(p)
		}
		seen[title] = true
		symptoms := fmt.Sprintf("%q, %q, %q", words(3), words(3), words(2))
		if p == 99 {
			symptoms = `"zone out of memory", "paging under memory cap"`
		}
		var body strings.Builder
		fmt.Fprintf(&body, "+++\ntitle = %q\nsummary = %q\nsymptoms = [%s]\n+++\n%s\n", title, words(12), symptoms, words(150+r.IntN(60)))
		for s := 1; s < 10; s++ {
			fmt.Fprintf(&body, "\n## %s\n\n%s\n", words(2+r.IntN(3)), words(150+r.IntN(60)))
			if s%4 == 0 {
				fmt.Fprintf(&body, "\n```\n%s --%s %s\n```\n", title, vocab[r.IntN(200)], words(4))
			}
		}
		files["content/tools/"+strings.NewReplacer(".", "-", "_", "-").Replace(title)+".md"] = body.String()
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}
