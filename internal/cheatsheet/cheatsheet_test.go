package cheatsheet

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"irp/internal/doc"
)

// good is a cheat-sheet that meets the schema; the cases below break it one
// way at a time.
const good = `---
title: "svcs"
summary: "Which SMF services are not running, and why."
platform: "SmartOS"
components: ["any"]
manta: ["v1", "v2"]
sources:
  - title: "svcs(1)"
    url: "https://illumos.org/man/1/svcs"
related: ["svcadm"]
symptoms: ["service in maintenance", "process keeps restarting"]
---

## When to reach for it

When a service looks down and you want SMF's view of it.

## Examples

Explain every service that is not running.

` + "```sh" + `
svcs -xv
` + "```" + `

List the processes of one service.

` + "```sh" + `
svcs -p {{fmri}}
` + "```" + `

Show where the service logs.

` + "```sh" + `
svcs -L {{fmri}}
` + "```" + `

Clear the maintenance state once the cause is fixed.

` + "```sh {invasive=true}" + `
svcadm clear {{fmri}}
` + "```" + `

## Reading the output

STATE is the column that matters.

## Pitfalls

A service can be online and still broken.
`

var site = Site{Components: map[string]bool{"muskie": true}, Tools: map[string]bool{"svcs": true, "svcadm": true}}

func check(t *testing.T, src string, s Site) []string {
	t.Helper()
	d, err := doc.Parse("svcs.md", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var out []string
	for _, p := range Check(d, []byte(src), s) {
		out = append(out, strconv.Itoa(p.Line)+": "+p.Msg)
	}
	return out
}

func TestGoodPageHasNoProblems(t *testing.T) {
	if got := check(t, good, site); len(got) != 0 {
		t.Fatalf("problems in a good page:\n%s", strings.Join(got, "\n"))
	}
}

func TestCheck(t *testing.T) {
	fence := "```"
	tests := []struct {
		name      string
		old, new_ string // replace old by new_ in good
		site      *Site
		want      []string
	}{
		{"no summary", `summary: "Which SMF services are not running, and why."` + "\n", "",
			nil, []string{"1: summary is missing"}},
		{"summary TODO", `"Which SMF services are not running, and why."`, `"TODO: say it"`,
			nil, []string{"3: summary is a TODO"}},
		{"summary two lines", `"Which SMF services are not running, and why."`, `"one\ntwo"`,
			nil, []string{"3: summary must be one line"}},
		{"summary not a string", `"Which SMF services are not running, and why."`, `[a, b]`,
			nil, []string{"3: summary must be a string"}},
		{"empty platform", `platform: "SmartOS"`, `platform: ""`,
			nil, []string{"4: platform is empty"}},
		{"no title", `title: "svcs"` + "\n", "",
			nil, []string{"1: title is missing"}},
		{"components empty", `components: ["any"]`, `components: []`,
			nil, []string{"5: components is empty"}},
		{"components not a list", `components: ["any"]`, `components: any`,
			nil, []string{"5: components must be a list"}},
		{"unknown component", `components: ["any"]`, `components: ["muskie", "nope"]`,
			nil, []string{`5: components: "nope" is not "any" or a page in content/components/`}},
		{"components unchecked without component pages", `components: ["any"]`, `components: ["nope"]`,
			&Site{Tools: site.Tools}, nil},
		{"no sources", "sources:\n  - title: \"svcs(1)\"\n    url: \"https://illumos.org/man/1/svcs\"\n", "",
			nil, []string{"1: no sources: list the upstream man page, README or guide the facts came from, as {title, url}"}},
		{"empty sources", "sources:\n  - title: \"svcs(1)\"\n    url: \"https://illumos.org/man/1/svcs\"\n", "sources: []\n",
			nil, []string{"7: no sources: list the upstream man page, README or guide the facts came from, as {title, url}"}},
		{"source not http", `"https://illumos.org/man/1/svcs"`, `"man svcs"`,
			nil, []string{`7: sources: entry 1: url "man svcs" is not an http(s) link`}},
		{"source without url", `    url: "https://illumos.org/man/1/svcs"` + "\n", "",
			nil, []string{`7: sources: entry 1 has no url`}},
		{"source without title", `  - title: "svcs(1)"` + "\n    url:", "  - url:",
			nil, []string{`7: sources: entry 1 has no title`}},
		{"source is a string", "  - title: \"svcs(1)\"\n    url: \"https://illumos.org/man/1/svcs\"", `  - "https://illumos.org/man/1/svcs"`,
			nil, []string{`7: sources: entry 1 must be {title, url}`}},
		{"unknown related", `related: ["svcadm"]`, `related: ["svcadm", "mdb"]`,
			nil, []string{`10: related: "mdb" has no cheat-sheet (content/tools/mdb.md)`}},
		{"related absent is fine", `related: ["svcadm"]` + "\n", "", nil, nil},
		{"no symptoms", `symptoms: ["service in maintenance", "process keeps restarting"]`, `symptoms: []`,
			nil, []string{"11: symptoms is empty"}},
		{"long symptom", `"process keeps restarting"`, `"` + strings.Repeat("word ", 20) + `"`,
			nil, []string{`11: symptoms: "` + strings.Repeat("word ", 20) + `" is long (100 characters); use the few words a responder would type`}},
		{"missing section", "## Pitfalls\n\nA service can be online and still broken.\n", "",
			nil, []string{`13: missing section "## Pitfalls"`}},
		{"section at the wrong level", "## Pitfalls", "### Pitfalls",
			nil, []string{`13: missing section "## Pitfalls"`, `48: section "Pitfalls" must be the level-2 heading "## Pitfalls"`}},
		{"section with other case", "## Pitfalls", "## pitfalls",
			nil, []string{`13: missing section "## Pitfalls"`, `48: section "pitfalls" must be the level-2 heading "## Pitfalls"`}},
		{"section twice", "## Pitfalls", "## Pitfalls\n\nOne.\n\n## Pitfalls",
			nil, []string{`52: section "Pitfalls" appears twice (also line 48)`}},
		{"empty section", "A service can be online and still broken.\n", "",
			nil, []string{`48: Pitfalls is empty`}},
		{"TODO section", "STATE is the column that matters.", "TODO: explain",
			nil, []string{`44: Reading the output is a TODO`}},
		{"extra headings are fine", "## Pitfalls", "## See also\n\nMore.\n\n### Details\n\nx\n\n## Pitfalls", nil, nil},
		{"too few examples", "Show where the service logs.\n\n" + fence + "sh\nsvcs -L {{fmri}}\n" + fence + "\n", "",
			nil, nil}, // three are left
		{"two examples", "List the processes of one service.\n\n" + fence + "sh\nsvcs -p {{fmri}}\n" + fence + "\n\nShow where the service logs.\n\n" + fence + "sh\nsvcs -L {{fmri}}\n" + fence + "\n\n", "",
			nil, []string{"18: Examples: 2 of at least 3 examples"}},
		{"eleven examples", "## Reading", strings.Repeat("Again.\n\n"+fence+"sh\nsvcs\n"+fence+"\n\n", 7) + "## Reading",
			nil, []string{"18: Examples: 11 examples, at most 10"}},
		{"output blocks are not examples", "## Reading", "Sample output:\n\n" + fence + "text\nSTATE\n" + fence + "\n\n## Reading", nil, nil},
		{"example without description", "Show where the service logs.\n\n", "",
			nil, []string{"32: Examples: the example has no one-line description before it"}},
		{"long description", "Show where the service logs.", strings.Repeat("long ", 50),
			nil, []string{"32: Examples: the description is 249 characters; say it in one line (at most 200)"}},
		{"leftover TODO in examples", "Show where the service logs.", "Show where the service logs. TODO check",
			nil, []string{"18: Examples is a TODO"}},
		{"unmarked invasive", "```sh {invasive=true}", "```sh",
			nil, []string{`41: command "svcadm clear {{fmri}}" changes the system (svcadm): mark its code block {invasive=true}`}},
		{"invasive in a pipe", "svcs -L {{fmri}}", "svcs -a | grep maint | xargs -n 1 svcadm clear",
			nil, []string{`35: command "svcs -a | grep maint | xargs -n 1 svcadm clear" changes the system (svcadm): mark its code block {invasive=true}`}},
		{"invasive with a continuation line", "svcs -L {{fmri}}", "svcs -L {{fmri}} && \\\n  rm -f {{file}}",
			nil, []string{`35: command "svcs -L {{fmri}} &&    rm -f {{file}}" changes the system (rm): mark its code block {invasive=true}`}},
		{"a word in an argument is not a command", "svcs -L {{fmri}}", "grep 'svcadm restart' /var/log/x | grep -c kill", nil, nil},
		{"invasive outside examples in a shell block", "A service can be online and still broken.",
			"Do not:\n\n" + fence + "bash\npkill -9 node\n" + fence,
			nil, []string{`53: command "pkill -9 node" changes the system (pkill): mark its code block {invasive=true}`}},
		{"commands in a text block elsewhere are not checked", "A service can be online and still broken.",
			"Output:\n\n" + fence + "text\nkill\n" + fence, nil, nil},
		{"invasive with quoted attribute", "```sh {invasive=true}", "```sh {invasive=\"true\" .x}", nil, nil},
		{"invasive=yes is marked", "```sh {invasive=true}", "```sh {invasive=yes}", nil, nil},
		{"a bare invasive is not an attribute", "```sh {invasive=true}", "```sh {invasive}",
			nil, []string{`41: command "svcadm clear {{fmri}}" changes the system (svcadm): mark its code block {invasive=true}`}},
		{"invasive=false is unmarked", "```sh {invasive=true}", "```sh {invasive=false}",
			nil, []string{`41: command "svcadm clear {{fmri}}" changes the system (svcadm): mark its code block {invasive=true}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.old) {
				t.Fatalf("fixture does not contain %q", tt.old)
			}
			src := strings.Replace(good, tt.old, tt.new_, 1)
			s := site
			if tt.site != nil {
				s = *tt.site
			}
			got := check(t, src, s)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

func TestScaffoldLeavesOnlyTheAuthorsParts(t *testing.T) {
	src := string(Scaffold("moraystat.d"))
	got := check(t, src, site)
	want := []string{
		"3: summary is a TODO",
		"4: platform is a TODO",
		"5: components is a TODO",
		"7: sources is a TODO",
		"11: symptoms is a TODO",
		"14: When to reach for it is a TODO",
		"18: Examples: 0 of at least 3 examples",
		"33: Reading the output is a TODO",
		"37: Pitfalls is a TODO",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("scaffold problems:\n got  %q\n want %q", got, want)
	}
	if !strings.Contains(src, `title: "moraystat.d"`) {
		t.Errorf("scaffold does not carry the name:\n%s", src)
	}
}

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	path, err := Create(dir, "svcs")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "tools", "svcs.md"); path != want {
		t.Errorf("path %s, want %s", path, want)
	}
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(dir, "svcs"); !errors.Is(err, ErrExists) {
		t.Errorf("second Create: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Errorf("Create overwrote the page: %q", b)
	}
	for _, bad := range []string{"", "Svcs", "../x", "a/b", ".hidden", "-x", "svcs.md", "a b", strings.Repeat("a", 65)} {
		if _, err := Create(dir, bad); !errors.Is(err, ErrBadName) {
			t.Errorf("Create(%q): %v, want ErrBadName", bad, err)
		}
	}
	for _, ok := range []string{"manta-adm", "moraystat.d", "pg_stat", "9p"} {
		if err := CheckName(ok); err != nil {
			t.Errorf("CheckName(%q): %v", ok, err)
		}
	}
}
