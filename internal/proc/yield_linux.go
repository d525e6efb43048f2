package proc

import (
	"os"
	"strconv"
	"syscall"
)

// YieldCPU lowers irp's CPU priority (nice 10) for the rest of its run:
// irp build calls it once irp-site, which inherits the priority it was
// started with, renders the site, so that the lint and the leak check
// beside it take the time Hugo leaves idle rather than Hugo's. On Linux a
// priority is a thread's: every thread of irp is set (threads started
// later inherit it).
func YieldCPU() {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		_ = syscall.Setpriority(syscall.PRIO_PROCESS, 0, 10)
		return
	}
	for _, t := range tasks {
		if tid, err := strconv.Atoi(t.Name()); err == nil {
			_ = syscall.Setpriority(syscall.PRIO_PROCESS, tid, 10)
		}
	}
}
