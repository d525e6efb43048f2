package team

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"strings"
	"time"

	"irp/internal/session"
)

// Files the trend is written to, next to content/sessions/_index.md.
const (
	TrendFile = "trend.json"
	ChartFile = "trend.svg"
)

// Milestones a timeline marks, by the event names RFD 111's summaries use
// and the ones irp session mark writes.
var milestones = map[string][]string{
	"detect":   {"detected", "first response"},
	"diagnose": {"diagnosed", "diagnosis"},
	"mitigate": {"mitigated", "mitigation"},
	"start":    {"induced"},
}

// Point is one published session on the trend: minutes from the incident's
// start to each milestone (nil when the timeline does not mark it) and the
// hint rungs given.
type Point struct {
	Session  string    `json:"session"`
	Codename string    `json:"codename"`
	Date     time.Time `json:"date"`
	// Scenario is set only once the scenario is retired: while it is in
	// the pool the session is named by its codename alone.
	Scenario string   `json:"scenario,omitempty"`
	Detect   *float64 `json:"detect_min"`
	Diagnose *float64 `json:"diagnose_min"`
	Mitigate *float64 `json:"mitigate_min"`
	Hints    int      `json:"hints"`
}

// Trend returns a point per published session, oldest first. retired says
// whether a scenario has left the pool.
func Trend(sessions []Session, retired func(id string) bool) []Point {
	out := []Point{}
	for _, s := range sessions {
		sum := s.Summary
		if s.Status != session.Published || sum == nil || sum.Draft {
			continue
		}
		p := Point{Session: s.Name, Codename: s.Codename, Date: s.Date, Hints: len(sum.Hints)}
		if p.Codename == "" {
			p.Codename = s.Name
		}
		if retired != nil && retired(s.Scenario) {
			p.Scenario = s.Scenario
		}
		start, ok := time.Time{}, false
		if sum.Start.Set && sum.Start.Err == "" {
			start, ok = sum.Start.T, true
		} else if t, found := first(sum, "start"); found {
			start, ok = t, true
		}
		if ok {
			p.Detect = since(sum, "detect", start)
			p.Diagnose = since(sum, "diagnose", start)
			p.Mitigate = since(sum, "mitigate", start)
		}
		out = append(out, p)
	}
	return out
}

// first is the earliest timeline entry marking milestone m.
func first(s *session.Summary, m string) (time.Time, bool) {
	var best time.Time
	found := false
	for _, e := range s.Timeline {
		if e.At.Err != "" || !e.At.Set {
			continue
		}
		for _, name := range milestones[m] {
			if strings.EqualFold(strings.TrimSpace(e.Event), name) && (!found || e.At.T.Before(best)) {
				best, found = e.At.T, true
			}
		}
	}
	return best, found
}

func since(s *session.Summary, m string, start time.Time) *float64 {
	t, ok := first(s, m)
	if !ok || t.Before(start) {
		return nil
	}
	v := math.Round(t.Sub(start).Minutes()*10) / 10
	return &v
}

// MarshalTrend is the trend as trend.json holds it.
func MarshalTrend(points []Point) ([]byte, error) {
	b, err := json.MarshalIndent(points, "", "  ")
	return append(b, '\n'), err
}

// Chart geometry, in SVG user units.
const (
	trendW, trendH                 = 820, 356
	trendL, trendR, trendT, trendB = 64, 24, 48, 100
)

// series are the lines of the chart: what, its CSS class, its marker.
var series = []struct {
	name, class, marker string
	value               func(Point) *float64
}{
	{"detect", "det", "circle", func(p Point) *float64 { return p.Detect }},
	{"diagnose", "dia", "square", func(p Point) *float64 { return p.Diagnose }},
	{"mitigate", "mit", "triangle", func(p Point) *float64 { return p.Mitigate }},
}

// TrendSVG draws minutes from the incident's start to detection, diagnosis
// and mitigation for each session, oldest on the left, with the hints used
// under each. It is meant to be inlined in the page: colours come from the
// site's CSS variables (so dark mode and print follow the page), with
// fallbacks for when the file is opened on its own. No script, no external
// reference.
func TrendSVG(points []Point) []byte {
	var b bytes.Buffer
	plotW, plotH := float64(trendW-trendL-trendR), float64(trendH-trendT-trendB)
	peak := 1.0
	for _, p := range points {
		for _, s := range series {
			if v := s.value(p); v != nil {
				peak = max(peak, *v)
			}
		}
	}
	top := float64(niceCeil(uint64(math.Ceil(peak))))
	n := max(len(points), 1)
	step := plotW / float64(n)
	x := func(i int) float64 { return trendL + step*(float64(i)+0.5) }
	y := func(v float64) float64 { return trendT + plotH - plotH*v/top }

	title := "Minutes from the start of the incident to detection, diagnosis and mitigation, per session"
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="trend-svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="trend-title trend-desc">`+"\n", trendW, trendH)
	fmt.Fprintf(&b, `<title id="trend-title">%s</title>`+"\n", title)
	fmt.Fprintf(&b, `<desc id="trend-desc">%s</desc>`+"\n", html.EscapeString(describe(points)))
	b.WriteString(`<style>
.trend-svg{--t-fg:var(--fg,#1b1f24);--t-muted:var(--muted,#57606a);--t-grid:var(--border,#d0d7de);--t-det:var(--link,#0a57a4);--t-dia:var(--n,#6b3fa0);--t-mit:var(--warn-edge,#b35900)}
@media (prefers-color-scheme:dark){.trend-svg{--t-fg:var(--fg,#e6edf3);--t-muted:var(--muted,#9ba7b4);--t-grid:var(--border,#38424d);--t-det:var(--link,#72b7ff);--t-dia:var(--n,#c8a6ff);--t-mit:var(--warn-edge,#f0a64a)}}
.trend-svg text{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;font-size:12px;fill:var(--t-fg)}
.trend-svg .muted{fill:var(--t-muted)}.trend-svg .grid{stroke:var(--t-grid);stroke-width:1}.trend-svg .axis{stroke:var(--t-muted);stroke-width:1}
.trend-svg .line{fill:none;stroke-width:2}.trend-svg .det{stroke:var(--t-det);fill:var(--t-det)}.trend-svg .dia{stroke:var(--t-dia);fill:var(--t-dia)}.trend-svg .mit{stroke:var(--t-mit);fill:var(--t-mit)}
.trend-svg .dia.line{stroke-dasharray:6 3}.trend-svg .mit.line{stroke-dasharray:2 3}.trend-svg .line{fill:none}
</style>
`)
	fmt.Fprintf(&b, `<text x="%d" y="20" style="font-size:13px;font-weight:600">Time to detect, diagnose and mitigate</text>`+"\n", trendL)
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		fmt.Fprintf(&b, `<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`, trendL, trendW-trendR, y(v), y(v))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", trendL-6, y(v)+4, trimFloat(v))
	}
	fmt.Fprintf(&b, `<text transform="translate(16 %.1f) rotate(-90)" text-anchor="middle" class="muted">minutes after the start</text>`+"\n", trendT+plotH/2)
	fmt.Fprintf(&b, `<line class="axis" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`+"\n", trendL, trendW-trendR, y(0), y(0))
	for i, p := range points {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x(i), y(0)+16, html.EscapeString(p.Codename))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="muted">%s</text>`, x(i), y(0)+30, p.Date.UTC().Format("2 Jan 2006"))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="muted">%s</text>`+"\n", x(i), y(0)+44, hintsLabel(p.Hints))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="muted">published sessions, oldest first, with the hints each used</text>`+"\n", trendL+plotW/2, y(0)+62)
	if len(points) == 0 {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="muted">no published session yet</text>`+"\n", trendL+plotW/2, trendT+plotH/2)
	}
	for _, s := range series {
		// One polyline per run of sessions that mark this milestone.
		var run []string
		flush := func() {
			if len(run) > 1 {
				fmt.Fprintf(&b, `<polyline class="line %s" points="%s"/>`+"\n", s.class, strings.Join(run, " "))
			}
			run = run[:0]
		}
		for i, p := range points {
			v := s.value(p)
			if v == nil {
				flush()
				continue
			}
			run = append(run, fmt.Sprintf("%.1f,%.1f", x(i), y(*v)))
		}
		flush()
		for i, p := range points {
			if v := s.value(p); v != nil {
				fmt.Fprintf(&b, `<g class="%s">%s<title>%s: %s %s min</title></g>`+"\n", s.class, marker(s.marker, x(i), y(*v)),
					html.EscapeString(p.Codename), s.name, trimFloat(*v))
			}
		}
	}
	ly := float64(trendH - 10)
	lx := float64(trendL)
	for _, s := range series {
		fmt.Fprintf(&b, `<line class="line %s" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/><g class="%s">%s</g><text x="%.1f" y="%.1f">time to %s</text>`,
			s.class, lx, lx+24, ly-4, ly-4, s.class, marker(s.marker, lx+12, ly-4), lx+30, ly, s.name)
		lx += 150
	}
	b.WriteString("\n</svg>\n")
	return b.Bytes()
}

func marker(kind string, cx, cy float64) string {
	switch kind {
	case "square":
		return fmt.Sprintf(`<rect x="%.1f" y="%.1f" width="8" height="8"/>`, cx-4, cy-4)
	case "triangle":
		return fmt.Sprintf(`<path d="M%.1f %.1fL%.1f %.1fL%.1f %.1fZ"/>`, cx, cy-5, cx+5, cy+4, cx-5, cy+4)
	}
	return fmt.Sprintf(`<circle cx="%.1f" cy="%.1f" r="4"/>`, cx, cy)
}

func hintsLabel(n int) string {
	if n == 1 {
		return "1 hint"
	}
	return fmt.Sprintf("%d hints", n)
}

func trimFloat(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// describe says what the chart shows in words, for screen readers.
func describe(points []Point) string {
	if len(points) == 0 {
		return "No published session yet."
	}
	var parts []string
	for _, p := range points {
		var ms []string
		for _, s := range series {
			if v := s.value(p); v != nil {
				ms = append(ms, fmt.Sprintf("%s %s min", s.name, trimFloat(*v)))
			}
		}
		if len(ms) == 0 {
			ms = append(ms, "no milestones")
		}
		parts = append(parts, fmt.Sprintf("%s (%s): %s, %s", p.Codename, p.Date.UTC().Format(time.DateOnly), strings.Join(ms, ", "), hintsLabel(p.Hints)))
	}
	return strings.Join(parts, "; ") + "."
}

// niceCeil rounds up to 1, 2 or 5 times a power of ten.
func niceCeil(v uint64) uint64 {
	p := uint64(1)
	for {
		for _, m := range []uint64{1, 2, 5} {
			if m*p >= v {
				return m * p
			}
		}
		p *= 10
	}
}

// TrendFiles returns trend.json and trend.svg for points.
func TrendFiles(points []Point) (jsonData, svg []byte, err error) {
	jsonData, err = MarshalTrend(points)
	return jsonData, TrendSVG(points), err
}
