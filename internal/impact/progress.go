package impact

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// ShowProgress writes a one-line progress report of m to w (a terminal)
// every interval until stop is called: bytes read of total (total <= 0:
// unknown, as for stdin), the rate, and the inputs done of files. stop
// blanks the line, so the report that follows starts on a clean line.
func ShowProgress(w io.Writer, m *Meter, total int64, files int, interval time.Duration) (stop func()) {
	start := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	width := 0
	wg.Go(func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				line := progressLine(m.Bytes.Load(), total, int(m.Files.Load()), files, now.Sub(start))
				pad := max(0, width-len(line))
				width = len(line)
				fmt.Fprintf(w, "\r%s%s", line, strings.Repeat(" ", pad))
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
		if width > 0 {
			fmt.Fprintf(w, "\r%s\r", strings.Repeat(" ", width))
		}
	}
}

// progressLine is what ShowProgress shows after elapsed.
func progressLine(read, total int64, filesDone, files int, elapsed time.Duration) string {
	var b strings.Builder
	b.WriteString("irp impact: read ")
	b.WriteString(fmtBytes(read))
	if total > 0 {
		fmt.Fprintf(&b, " of %s (%.0f%%)", fmtBytes(total), 100*float64(read)/float64(total))
	}
	if s := elapsed.Seconds(); s > 0 {
		fmt.Fprintf(&b, ", %s/s", fmtBytes(int64(float64(read)/s)))
	}
	if files > 1 {
		fmt.Fprintf(&b, ", %d of %d files", filesDone, files)
	}
	return b.String()
}

func fmtBytes(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.0f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}
