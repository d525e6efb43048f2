// Package proc tunes the irp process for the work a verb is about to do:
// the garbage collector for a verb that reads the whole content tree once
// and exits, the CPU priority for work that runs beside irp-site. The
// verbs decide (cmd/irp); proc knows how, per operating system.
package proc

import "runtime/debug"

// BatchGC is for the commands that read the whole content tree once and
// exit (build, check): the garbage collector waits until the heap nears
// 512 MiB instead of running every few megabytes, which on a 2,000-page
// site saves a fifth of the lint's CPU. It returns the undo.
func BatchGC() (undo func()) {
	gc := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(512 << 20)
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(gc)
	}
}
