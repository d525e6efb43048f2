// Package provenance holds the rules that say where a page's facts come
// from and which Manta they are true for: every cheat-sheet and scenario
// names the Manta versions it applies to, and a GitHub source is a
// permalink pinned to the commit that was read.
package provenance

import (
	"fmt"
	"net/url"
	"strings"
)

// Versions are the Manta major versions a page can apply to, in the order
// pages list them. Manta v2 dropped jobs (marlin) and added buckets,
// storinfo, the garbage collector and the rebalancer.
var Versions = []string{"v1", "v2"}

// Manta checks a front matter `manta` value (absent is nil) and returns
// the versions it lists, or a message saying what is wrong with it.
func Manta(v any) ([]string, string) {
	const want = `manta must list the Manta versions the page applies to: ["v1", "v2"], ["v1"] or ["v2"]`
	if v == nil {
		return nil, "manta is missing: " + want[len("manta must "):]
	}
	var raw []any
	switch t := v.(type) {
	case []any:
		raw = t
	case []string:
		for _, s := range t {
			raw = append(raw, s)
		}
	default:
		return nil, want
	}
	if len(raw) == 0 {
		return nil, want
	}
	seen := map[string]bool{}
	var out []string
	for _, it := range raw {
		s, ok := it.(string)
		if !ok || !known(s) {
			return nil, fmt.Sprintf("manta: %v is not a Manta version (v1 or v2)", it)
		}
		if seen[s] {
			return nil, fmt.Sprintf("manta: %s is listed twice", s)
		}
		seen[s] = true
		out = append(out, s)
	}
	return out, ""
}

func known(s string) bool {
	for _, v := range Versions {
		if s == v {
			return true
		}
	}
	return false
}

// Pinned reports why a source URL is not acceptable, or "" when it is: a
// link to a file on GitHub must be pinned to a commit
// (https://github.com/OWNER/REPO/blob/<40-hex sha>/PATH), so that what a
// page says can be checked against the exact text that was read. Links
// elsewhere are not judged.
func Pinned(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	host := strings.ToLower(u.Host)
	if host != "github.com" && host != "www.github.com" {
		return ""
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	// OWNER/REPO/blob|tree|raw|commit/REF/...
	if len(parts) >= 4 && (parts[2] == "blob" || parts[2] == "tree" || parts[2] == "raw") && isSHA(parts[3]) {
		return ""
	}
	if len(parts) >= 4 && parts[2] == "commit" && isSHA(parts[3]) {
		return ""
	}
	return fmt.Sprintf("GitHub source %s is not pinned to a commit: link https://github.com/OWNER/REPO/blob/<40-hex commit>/PATH (on GitHub, press y on the file to get it)", raw)
}

func isSHA(s string) bool {
	if len(s) != 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
