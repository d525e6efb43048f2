package site

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	theme "irp/themes/irp"
)

// TestContrast reads the theme's stylesheet and checks every text and
// background pair the theme paints, in the light palette, in the dark one
// (both copies: the system preference and the toggle) and in print,
// against WCAG 2 AA: 4.5:1 for text, 3:1 for focus rings, field borders and
// icons (non-text contrast).
func TestContrast(t *testing.T) {
	css, err := theme.Files.ReadFile("static/css/irp.css")
	if err != nil {
		t.Fatal(err)
	}
	src := string(css)
	light := cssVars(t, cssBlock(t, src, ":root {"))
	darkSystem := cssVars(t, cssBlock(t, src, `:root:not([data-theme="light"]) {`))
	darkToggle := cssVars(t, cssBlock(t, src, `:root[data-theme="dark"] {`))
	printVars := cssVars(t, cssBlock(t, cssBlock(t, src, "@media print {"), ":root"))

	// The two dark copies must be the same palette.
	for k, v := range darkToggle {
		if darkSystem[k] != v {
			t.Errorf("dark palettes differ: --%s is %s for the system preference, %s for the toggle", k, darkSystem[k], v)
		}
	}
	for k := range darkSystem {
		if _, ok := darkToggle[k]; !ok {
			t.Errorf("--%s is set for the system dark preference but not for the toggle", k)
		}
	}
	// Print overrides some colours over the light palette.
	printPal := map[string]string{}
	for k, v := range light {
		printPal[k] = v
	}
	for k, v := range printVars {
		printPal[k] = v
	}

	type pair struct {
		fg, bg string
		min    float64
		where  string
	}
	pairs := []pair{
		{"fg", "bg", 4.5, "body text"},
		{"fg", "panel", 4.5, "header, home panels, toc"},
		{"fg", "sel-bg", 4.5, "selected search hit"},
		{"muted", "bg", 4.5, "breadcrumbs, summaries, last changed"},
		{"muted", "panel", 4.5, "summaries in the home panels"},
		{"muted", "sel-bg", 4.5, "snippet of the selected search hit"},
		{"muted", "code-bg", 4.5, "comments in code"},
		{"link", "bg", 4.5, "links"},
		{"link", "panel", 4.5, "links in panels and toc"},
		{"link", "sel-bg", 4.5, "title of the selected search hit"},
		{"link-visited", "bg", 4.5, "visited links"},
		{"link-visited", "panel", 4.5, "visited links in panels"},
		{"code-fg", "code-bg", 4.5, "code"},
		{"ph-fg", "ph-bg", 4.5, "{{placeholders}}"},
		{"warn-fg", "warn-bg", 4.5, "invasive-command warning"},
		{"mark-fg", "mark-bg", 4.5, "search highlights"},
		{"k", "code-bg", 4.5, "code keywords"},
		{"s", "code-bg", 4.5, "code strings"},
		{"c", "code-bg", 4.5, "code comments"},
		{"n", "code-bg", 4.5, "code names and numbers"},
		{"focus", "bg", 3, "focus ring"},
		{"focus", "panel", 3, "focus ring in the header"},
		{"muted", "bg", 3, "search field border"},
		{"bg", "warn-edge", 3, "warning icon"},
		{"warn-edge", "warn-bg", 3, "warning band edge"},
	}
	palettes := []struct {
		name string
		vars map[string]string
	}{{"light", light}, {"dark", darkToggle}, {"print", printPal}}
	for _, p := range palettes {
		for _, c := range pairs {
			fg, err1 := parseHex(p.vars[c.fg])
			bg, err2 := parseHex(p.vars[c.bg])
			if err1 != nil || err2 != nil {
				t.Errorf("%s: --%s=%q / --%s=%q: %v %v", p.name, c.fg, p.vars[c.fg], c.bg, p.vars[c.bg], err1, err2)
				continue
			}
			r := contrastRatio(fg, bg)
			if r < c.min {
				t.Errorf("%s: %s: --%s %s on --%s %s is %.2f:1, want at least %.1f:1",
					p.name, c.where, c.fg, p.vars[c.fg], c.bg, p.vars[c.bg], r, c.min)
			}
		}
	}
}

// TestContrastRatio checks the formula against known values.
func TestContrastRatio(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#777777", "#ffffff", 4.48},
		{"#767676", "#fff", 4.54},
	} {
		a, _ := parseHex(c.a)
		b, _ := parseHex(c.b)
		if got := contrastRatio(a, b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// cssBlock returns the body of the first block in src whose opening line
// starts with head (up to its "{"), matching braces.
func cssBlock(t *testing.T, src, head string) string {
	t.Helper()
	i := strings.Index(src, head)
	if i < 0 {
		t.Fatalf("irp.css: no block %q", head)
	}
	open := strings.Index(src[i:], "{")
	if open < 0 {
		t.Fatalf("irp.css: block %q has no {", head)
	}
	start := i + open + 1
	depth := 1
	for j := start; j < len(src); j++ {
		switch src[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return src[start:j]
			}
		}
	}
	t.Fatalf("irp.css: block %q is not closed", head)
	return ""
}

var cssVarDecl = regexp.MustCompile(`--([a-z0-9-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;`)

// cssVars returns the colour custom properties (hex values) set in a block.
func cssVars(t *testing.T, block string) map[string]string {
	t.Helper()
	vars := map[string]string{}
	for _, m := range cssVarDecl.FindAllStringSubmatch(block, -1) {
		vars[m[1]] = strings.ToLower(m[2])
	}
	if len(vars) == 0 {
		t.Fatalf("irp.css: no colours in block %.60q", block)
	}
	return vars
}

func parseHex(s string) ([3]float64, error) {
	var rgb [3]float64
	s = strings.TrimPrefix(s, "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return rgb, fmt.Errorf("not a hex colour: %q", s)
	}
	for i := 0; i < 3; i++ {
		v, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return rgb, err
		}
		rgb[i] = float64(v) / 255
	}
	return rgb, nil
}

// luminance is WCAG 2's relative luminance of an sRGB colour.
func luminance(c [3]float64) float64 {
	var l [3]float64
	for i, v := range c {
		if v <= 0.04045 {
			l[i] = v / 12.92
		} else {
			l[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

func contrastRatio(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
