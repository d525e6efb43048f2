package impact

import (
	"bytes"
	"fmt"
	"io"
	"time"
)

// Chart geometry, in SVG user units.
const (
	svgW, svgH             = 820, 320
	padL, padR, padT, padB = 64, 16, 40, 48
)

// WriteSVG draws requests and failures per bucket, with the window shaded
// and the time axis in UTC. The SVG is self-contained: no external fonts,
// styles or references, so it can be embedded in the summary page as is.
func (r *Report) WriteSVG(w io.Writer) error {
	var b bytes.Buffer
	bs := r.Buckets
	plotW, plotH := float64(svgW-padL-padR), float64(svgH-padT-padB)
	var peak uint64 = 1
	for _, k := range bs {
		peak = max(peak, k.Requests)
	}
	top := niceCeil(peak)
	n := max(len(bs), 1)
	bw := plotW / float64(n)
	x := func(i float64) float64 { return padL + i*bw }
	y := func(v uint64) float64 { return padT + plotH - plotH*float64(v)/float64(top) }

	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="t">`+"\n", svgW, svgH, svgW, svgH)
	title := "Requests and failures per " + fmtDuration(r.Bucket) + " (UTC)"
	fmt.Fprintf(&b, `<title id="t">%s</title>`+"\n", title)
	b.WriteString(`<style>text{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;font-size:11px;fill:#333}.req{fill:#9db4cc}.fail{fill:#c0392b}.win{fill:#f5c542;fill-opacity:.25}.axis{stroke:#555;stroke-width:1}.grid{stroke:#ddd;stroke-width:1}</style>` + "\n")
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`+"\n", svgW, svgH)
	fmt.Fprintf(&b, `<text x="%d" y="20" style="font-size:13px;font-weight:600">%s</text>`+"\n", padL, title)

	if r.Window != nil && len(bs) > 0 {
		width := int64(r.Bucket)
		first := bs[0].Start
		x0 := float64(r.Window.Start.UnixNano()-first) / float64(width)
		x1 := float64(r.Window.End.UnixNano()-first) / float64(width)
		x0, x1 = clamp(x0, 0, float64(n)), clamp(x1, 0, float64(n))
		if x1 > x0 {
			fmt.Fprintf(&b, `<rect class="win" x="%.1f" y="%d" width="%.1f" height="%.0f"><title>window %s – %s</title></rect>`+"\n",
				x(x0), padT, (x1-x0)*bw, plotH, fmtWindowTime(r.Window.Start), fmtWindowTime(r.Window.End))
		}
	}
	for i := 0; i <= 4; i++ {
		v := top * uint64(i) / 4
		fmt.Fprintf(&b, `<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`, padL, svgW-padR, y(v), y(v))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%d</text>`+"\n", padL-6, y(v)+4, v)
	}
	gap := 0.0
	if bw > 3 {
		gap = 1
	}
	for i, k := range bs {
		if k.Requests == 0 {
			continue
		}
		t := time.Unix(0, k.Start).UTC().Format("2006-01-02 15:04:05")
		fmt.Fprintf(&b, `<g><title>%s: %d requests, %d failed, %d abandoned</title>`, t, k.Requests, k.Failed, k.Abandoned)
		fmt.Fprintf(&b, `<rect class="req" x="%.2f" y="%.2f" width="%.2f" height="%.2f"/>`, x(float64(i)), y(k.Requests), bw-gap, y(0)-y(k.Requests))
		if k.Failed > 0 {
			fmt.Fprintf(&b, `<rect class="fail" x="%.2f" y="%.2f" width="%.2f" height="%.2f"/>`, x(float64(i)), y(k.Failed), bw-gap, y(0)-y(k.Failed))
		}
		b.WriteString("</g>\n")
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`+"\n", padL, svgW-padR, y(0), y(0))
	// About eight time labels, on whole bucket boundaries.
	step := max(1, n/8)
	for i := 0; i < len(bs); i += step {
		t := time.Unix(0, bs[i].Start).UTC()
		label := t.Format("15:04")
		if i == 0 || t.YearDay() != time.Unix(0, bs[i-step].Start).UTC().YearDay() {
			label = t.Format("Jan 2 15:04")
		}
		fmt.Fprintf(&b, `<line class="axis" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, x(float64(i)), x(float64(i)), y(0), y(0)+4)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", x(float64(i)), y(0)+16, label)
	}
	ly := svgH - 10
	fmt.Fprintf(&b, `<rect class="req" x="%d" y="%d" width="10" height="10"/><text x="%d" y="%d">requests</text>`, padL, ly-9, padL+14, ly)
	fmt.Fprintf(&b, `<rect class="fail" x="%d" y="%d" width="10" height="10"/><text x="%d" y="%d">failed (5xx)</text>`, padL+90, ly-9, padL+104, ly)
	if r.Window != nil {
		fmt.Fprintf(&b, `<rect class="win" x="%d" y="%d" width="10" height="10"/><text x="%d" y="%d">window</text>`, padL+200, ly-9, padL+214, ly)
	}
	b.WriteString("\n</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }

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
