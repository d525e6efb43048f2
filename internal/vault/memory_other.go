//go:build !linux

package vault

// memoryBacked is false off Linux: macOS has no memory-backed directory by
// default, and on illumos, where /tmp is tmpfs, irp does not check it; an
// edit there needs --disk.
func memoryBacked(string) bool { return false }
