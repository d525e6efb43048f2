package proc

import (
	"runtime/debug"
	"testing"
)

func TestBatchGCUndo(t *testing.T) {
	gc := debug.SetGCPercent(150)
	defer debug.SetGCPercent(gc)
	undo := BatchGC()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("during BatchGC, GC percent %d, want -1 (off)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 512<<20 {
		t.Errorf("during BatchGC, memory limit %d, want 512 MiB", got)
	}
	undo()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("after the undo, GC percent %d, want 150 back", got)
	}
}
