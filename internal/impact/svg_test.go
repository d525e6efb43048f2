package impact

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

type svgElem struct {
	name  xml.Name
	attr  map[string]string
	text  string // character data directly inside
	title string // text of a <title> child
}

// parseSVG reads the chart as strict XML and lists its elements.
func parseSVG(t *testing.T, data []byte) []*svgElem {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var all, stack []*svgElem
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v\n%s", err, data)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &svgElem{name: tok.Name, attr: map[string]string{}}
			for _, a := range tok.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			if len(stack) == 0 && len(all) > 0 {
				t.Fatalf("more than one root element")
			}
			all = append(all, e)
			stack = append(stack, e)
		case xml.EndElement:
			e := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if e.name.Local == "title" && len(stack) > 0 {
				stack[len(stack)-1].title = e.text
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	if len(all) == 0 || all[0].name.Local != "svg" || all[0].name.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element is not an SVG <svg>")
	}
	return all
}

func attrF(t *testing.T, e *svgElem, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(e.attr[name], 64)
	if err != nil {
		t.Fatalf("<%s> %s=%q: %v", e.name.Local, name, e.attr[name], err)
	}
	return v
}

// TestSVGChart parses the chart as XML and checks it against the report:
// one request bar per non-empty bucket and one failure bar per bucket with
// failures, at heights in proportion to the counts, the window shaded over
// the right buckets, and time labels in UTC whatever the local zone.
func TestSVGChart(t *testing.T) {
	local := time.Local
	time.Local = time.FixedZone("X", 5*3600+1800) // a UTC label must not move
	defer func() { time.Local = local }()

	outage := generate(small(2))
	healthyCfg := small(3)
	healthyCfg.OutageFrom, healthyCfg.OutageTo = time.Time{}, time.Time{}
	healthy := generate(healthyCfg)
	start := outage.cfg.Start
	fixed := Params{Bucket: time.Minute, By: ByOperation, Fixed: true,
		From: start.Add(3*time.Minute + 30*time.Second).UnixNano(), To: start.Add(9 * time.Minute).UnixNano()}
	one := `{"audit":true,"operation":"getstorage","res":{"statusCode":503},"latency":5,"time":"2017-06-01T23:59:30Z"}` + "\n"
	for _, tc := range []struct {
		name string
		p    Params
		data []byte
	}{
		{"detected", Params{Bucket: time.Minute, By: ByOperation}, join(outage.lines)},
		{"fixed", fixed, join(outage.lines)},
		{"healthy", Params{Bucket: 30 * time.Second, By: ByHost}, join(healthy.lines)},
		{"one record", Params{Bucket: time.Minute, By: ByOperation}, []byte(one)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := summarize(t, readAll(t, tc.p, fromBytes("a.log", tc.data)))
			var b bytes.Buffer
			if err := rep.WriteSVG(&b); err != nil {
				t.Fatal(err)
			}
			checkSVG(t, rep, b.Bytes())
		})
	}
}

func checkSVG(t *testing.T, rep *Report, data []byte) {
	els := parseSVG(t, data)
	var reqs, fails, wins, labels []*svgElem
	var title string
	for _, e := range els {
		switch {
		case e.name.Local == "rect" && e.attr["class"] == "req" && e.attr["width"] != "10":
			reqs = append(reqs, e)
		case e.name.Local == "rect" && e.attr["class"] == "fail" && e.attr["width"] != "10":
			fails = append(fails, e)
		case e.name.Local == "rect" && e.attr["class"] == "win" && e.attr["width"] != "10":
			wins = append(wins, e)
		case e.name.Local == "text":
			labels = append(labels, e)
		case e.name.Local == "title" && title == "":
			title = e.text
		}
	}
	if !strings.Contains(title, "UTC") {
		t.Errorf("title %q does not say the times are UTC", title)
	}
	// Bars, bucket by bucket, in order.
	var want, wantFail []BucketCount
	for _, k := range rep.Buckets {
		if k.Requests > 0 {
			want = append(want, k)
		}
		if k.Failed > 0 {
			wantFail = append(wantFail, k)
		}
	}
	if len(reqs) != len(want) || len(fails) != len(wantFail) {
		t.Fatalf("%d request bars and %d failure bars, want %d and %d", len(reqs), len(fails), len(want), len(wantFail))
	}
	var peak uint64
	for _, k := range rep.Buckets {
		peak = max(peak, k.Requests)
	}
	var perReq float64 // bar height per request, the same for every bar
	for i, k := range want {
		h := attrF(t, reqs[i], "height")
		if i == 0 {
			perReq = h / float64(k.Requests)
		}
		if math.Abs(h-perReq*float64(k.Requests)) > 0.02 {
			t.Errorf("bucket %s: bar height %v for %d requests, not in proportion", fmtTime(k.Start), h, k.Requests)
		}
	}
	for i, k := range wantFail {
		if h := attrF(t, fails[i], "height"); math.Abs(h-perReq*float64(k.Failed)) > 0.02 {
			t.Errorf("bucket %s: failure bar height %v for %d failures", fmtTime(k.Start), h, k.Failed)
		}
	}
	// The bars' tooltips name their bucket in UTC with its counts.
	var tips []string
	for _, e := range els {
		if e.name.Local == "g" {
			tips = append(tips, e.title)
		}
	}
	for i, k := range want {
		w := fmt.Sprintf("%s: %d requests, %d failed, %d abandoned",
			time.Unix(0, k.Start).UTC().Format("2006-01-02 15:04:05"), k.Requests, k.Failed, k.Abandoned)
		if i >= len(tips) || tips[i] != w {
			t.Fatalf("bar %d tooltip %q, want %q", i, tips[min(i, len(tips)-1)], w)
		}
	}
	// The window covers its buckets: from the bar of its first bucket to
	// the end of its last.
	switch {
	case rep.Window == nil && len(wins) > 0:
		t.Errorf("a window is shaded but the report has none")
	case rep.Window != nil:
		if len(wins) != 1 {
			t.Fatalf("%d shaded windows, want 1", len(wins))
		}
		x0 := attrF(t, reqs[0], "x")
		bw := attrF(t, reqs[0], "width")
		if len(reqs) > 1 {
			bw = (attrF(t, reqs[1], "x") - x0) / float64((want[1].Start-want[0].Start)/int64(rep.Bucket))
		}
		first := rep.Buckets[0].Start
		wantX := x0 + bw*float64(rep.Window.Start.UnixNano()-first)/float64(rep.Bucket)
		wantW := bw * float64(rep.Window.End.Sub(rep.Window.Start)) / float64(rep.Bucket)
		if x, w := attrF(t, wins[0], "x"), attrF(t, wins[0], "width"); math.Abs(x-wantX) > 0.1 || math.Abs(w-wantW) > 0.2 {
			t.Errorf("window shaded at x=%v width %v, want x=%v width %v", x, w, wantX, wantW)
		}
	}
	// Time labels: the first names the day of the first bucket in UTC.
	timeLabel := regexp.MustCompile(`^(?:[A-Z][a-z]{2} \d{1,2} )?\d\d:\d\d$`)
	var times []string
	for _, e := range labels {
		if timeLabel.MatchString(e.text) {
			times = append(times, e.text)
		}
	}
	if w := time.Unix(0, rep.Buckets[0].Start).UTC().Format("Jan 2 15:04"); len(times) == 0 || times[0] != w {
		t.Errorf("time labels %q, want the first to be %q", times, w)
	}
}
