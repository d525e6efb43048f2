package vault

import "golang.org/x/sys/unix"

// memoryBacked reports whether dir is on tmpfs or ramfs, whose files live
// in memory (or swap) and leave nothing on disk when removed.
func memoryBacked(dir string) bool {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return false
	}
	return st.Type == unix.TMPFS_MAGIC || st.Type == unix.RAMFS_MAGIC
}
