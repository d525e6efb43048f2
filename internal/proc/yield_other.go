//go:build !linux

package proc

// YieldCPU is yield_linux.go's on Linux; elsewhere irp build's lint keeps
// the priority it has.
func YieldCPU() {}
