package site

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// axeSource is the vendored axe-core (testdata/axe), checked against the
// checksum its README gives.
func axeSource(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join("testdata", "axe", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(src)
	if !strings.Contains(string(readme), hex.EncodeToString(sum[:])) {
		t.Fatal("testdata/axe/axe.min.js does not match the checksum in testdata/axe/README.md")
	}
	return string(src)
}

// sitePages lists the HTML pages of a built site, relative to its root.
func sitePages(t *testing.T, public string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		pages = append(pages, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	return pages
}

// TestAccessibility runs axe-core over every page of the site built from
// the repository's content, in the light and the dark colour scheme (and
// the results page with hits), and fails on any serious or critical
// violation, and on any landmark rule (unique names: a screen reader lists
// the landmarks by name). axe is put into each page by the test (over the DevTools
// protocol); the site never loads it.
func TestAccessibility(t *testing.T) {
	chromium(t)
	axe := axeSource(t)
	public := repoSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	t.Cleanup(srv.Close)
	pages := append(sitePages(t, public), "search/index.html?q=zone+memory")

	br := startCDP(t)
	br.call(t, "Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": axe}, nil)
	for _, scheme := range []string{"light", "dark"} {
		br.call(t, "Emulation.setEmulatedMedia", map[string]any{
			"features": []map[string]string{{"name": "prefers-color-scheme", "value": scheme}},
		}, nil)
		for _, page := range pages {
			br.navigate(t, srv.URL+"/"+page)
			var found []struct {
				ID, Impact, Help string
				Nodes            []string
			}
			br.eval(t, `(function () {
				var list = document.getElementById("search-results");
				var ready = !list || list.dataset.state !== "loading" ? Promise.resolve() : new Promise(function (resolve) {
					(function poll() { if (list.dataset.state !== "loading") resolve(); else setTimeout(poll, 10); })();
				});
				return ready.then(function () {
					return axe.run(document, { resultTypes: ["violations"] });
				}).then(function (r) {
					return r.violations.filter(function (v) { return v.impact === "serious" || v.impact === "critical" || /^landmark-/.test(v.id); }).map(function (v) {
						return { id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" ") + " " + (n.failureSummary || "").replace(/\s+/g, " ").slice(0, 160); }) };
					});
				});
			})()`, &found)
			for _, v := range found {
				t.Errorf("%s (%s): %s %s: %s\n\t%s", page, scheme, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, "\n\t"))
			}
		}
	}
}

var focusedOutline = regexp.MustCompile(`^(\d+(?:\.\d+)?)px (solid|dashed|dotted|double|auto)`)

// TestKeyboardFocusVisible tabs through pages with the keyboard and checks
// that every control it reaches shows a focus ring (an outline of at least
// 2 px), among them the skip link, the search box, the theme toggle, the
// copy buttons and the checklist boxes.
func TestKeyboardFocusVisible(t *testing.T) {
	chromium(t)
	public := repoSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	t.Cleanup(srv.Close)
	br := startCDP(t)
	reached := map[string]bool{}
	for _, page := range []string{"tools/manta-adm/index.html", "guide/checklist-responders/index.html"} {
		br.navigate(t, srv.URL+"/"+page)
		seen := map[string]bool{}
		for i := 0; i < 200; i++ {
			br.call(t, "Input.dispatchKeyEvent", map[string]any{"type": "keyDown", "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9}, nil)
			br.call(t, "Input.dispatchKeyEvent", map[string]any{"type": "keyUp", "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9}, nil)
			var f struct {
				Path, What, Outline string
				Names               []string
				Visible             bool
			}
			br.eval(t, `(function () {
				var el = document.activeElement;
				if (!el || el === document.body) return { path: "" };
				var path = [];
				for (var n = el; n && n.nodeType === 1; n = n.parentElement) {
					var i = 1;
					for (var s = n.previousElementSibling; s; s = s.previousElementSibling) i++;
					path.unshift(n.tagName.toLowerCase() + ":" + i);
				}
				var cs = getComputedStyle(el);
				var r = el.getBoundingClientRect();
				return {
					path: path.join(">"),
					what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).split(" ").join(".") : ""),
					names: [el.tagName.toLowerCase() + "#" + el.id].concat(Array.from(el.classList, function (c) { return el.tagName.toLowerCase() + "." + c; })),
					outline: cs.outlineStyle === "none" ? "none" : cs.outlineWidth + " " + cs.outlineStyle,
					visible: r.width > 0 && r.height > 0 && cs.visibility !== "hidden"
				};
			})()`, &f)
			if f.Path == "" || seen[f.Path] {
				break // back at the start
			}
			seen[f.Path] = true
			for _, n := range f.Names {
				reached[n] = true
			}
			if !f.Visible {
				t.Errorf("%s: Tab reaches %s, which is not visible", page, f.What)
				continue
			}
			width := 0.0
			if m := focusedOutline.FindStringSubmatch(f.Outline); m != nil {
				width, _ = strconv.ParseFloat(m[1], 64)
			}
			if width < 2 {
				t.Errorf("%s: %s has no visible focus ring (outline %q)", page, f.What, f.Outline)
			}
		}
	}
	for _, want := range []string{"a.skip", "input#search-box", "button#theme-toggle", "button.copy", "input.task"} {
		if !reached[want] {
			var got []string
			for k := range reached {
				got = append(got, k)
			}
			sort.Strings(got)
			t.Errorf("Tab never reached %s; reached %q", want, got)
		}
	}
}

// TestChecklist ticks a checklist item, reloads, clears, and prints: the
// box is a real labelled checkbox, the tick is remembered, the button
// clears it, and print shows an empty box.
func TestChecklist(t *testing.T) {
	chromium(t)
	public := repoSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	t.Cleanup(srv.Close)
	br := startCDP(t)
	page := srv.URL + "/guide/checklist-responders/index.html"
	br.navigate(t, page)
	var first struct {
		Boxes   int
		Label   string
		Checked bool
	}
	const look = `(function () {
		var boxes = document.querySelectorAll("main input.task[type=checkbox]");
		var b = boxes[0];
		return { boxes: boxes.length, label: b && b.labels.length ? b.labels[0].textContent.replace(/\s+/g, " ").trim() : "", checked: !!(b && b.checked) };
	})()`
	br.eval(t, look, &first)
	if first.Boxes < 10 || !strings.HasPrefix(first.Label, "Prerequisites done") || first.Checked {
		t.Fatalf("checklist: %+v; want unticked labelled boxes, the first labelled by its text", first)
	}
	br.eval(t, `document.querySelector("main input.task").click(); true`, nil)
	br.navigate(t, page)
	br.eval(t, look, &first)
	if !first.Checked {
		t.Error("a tick is not remembered after a reload")
	}
	br.call(t, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
	var printed struct{ Appearance, Clear string }
	br.eval(t, `(function () {
		var b = document.querySelector("main input.task");
		return { appearance: getComputedStyle(b).appearance, clear: getComputedStyle(document.querySelector(".task-clear")).display };
	})()`, &printed)
	if printed.Appearance != "none" || printed.Clear != "none" {
		t.Errorf("printed: box appearance %q, clear button display %q; want an empty box and no button", printed.Appearance, printed.Clear)
	}
	br.call(t, "Emulation.setEmulatedMedia", map[string]any{"media": ""}, nil)
	var stored string
	br.eval(t, `document.querySelector(".task-clear button").click(); String(localStorage.getItem("irp-checklist:" + location.pathname))`, &stored)
	br.navigate(t, page)
	br.eval(t, look, &first)
	if first.Checked || stored != "null" {
		t.Errorf("after clear: first box checked %v, storage %q", first.Checked, stored)
	}
}
