//go:build !linux

package main

// yieldCPU is yield_linux.go's on Linux; elsewhere irp build's lint keeps
// the priority it has.
func yieldCPU() {}
