package vault

import (
	"os/exec"
	"os/user"
	"strings"
)

// DefaultName is the name written after a new recipient's key: git's
// user.name in dir (what teammates know you by), else $USER, else the
// account's name.
func DefaultName(dir string, getenv func(string) string) string {
	cmd := exec.Command("git", "config", "user.name")
	cmd.Dir = dir
	if out, err := cmd.Output(); err == nil {
		if name := strings.TrimSpace(string(out)); name != "" {
			return name
		}
	}
	if name := getenv("USER"); name != "" {
		return name
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}
