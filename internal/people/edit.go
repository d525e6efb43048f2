package people

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"irp/internal/atomicfile"
)

// Unknown returns the names that are neither in d nor in known (say, the
// names the ledger has), in the order given: a misspelt handle counts as
// someone who has seen nothing.
func (d Directory) Unknown(names []string, known map[string]bool) []string {
	var out []string
	for _, n := range names {
		if d[n] == nil && !known[n] {
			out = append(out, n)
		}
	}
	return out
}

// UnknownPrerequisite is a prerequisite someone has ticked that the
// checklist does not list (a misspelling is never matched, so it would
// silently count as missing).
type UnknownPrerequisite struct {
	Handle, Prerequisite string
}

// UnknownPrerequisites returns the prerequisites ticked in d that the
// checklist does not list, by handle, each person's in the order ticked.
func (d Directory) UnknownPrerequisites(checklist []string) []UnknownPrerequisite {
	var out []UnknownPrerequisite
	for _, handle := range d.Handles() {
		for _, t := range d[handle].Prerequisites {
			ok := false
			for _, c := range checklist {
				if strings.EqualFold(strings.TrimSpace(t), strings.TrimSpace(c)) {
					ok = true
				}
			}
			if !ok {
				out = append(out, UnknownPrerequisite{handle, t})
			}
		}
	}
	return out
}

// validHandle is what a person's handle looks like on the command line.
var validHandle = regexp.MustCompile(`^[a-z][a-z0-9._-]*$`)

// Add appends a table for handle to the people.toml at path (created when
// missing), keeping every other line as it is. It refuses a handle that is
// already there or that cannot be typed after --responders.
func Add(path, handle, name string, experienced bool) error {
	if !validHandle.MatchString(handle) {
		return fmt.Errorf("%q is not a handle: lowercase letters, digits, dots, dashes and underscores, starting with a letter", handle)
	}
	src, err := readOrEmpty(path)
	if err != nil {
		return err
	}
	dir, err := Parse(path, src)
	if err != nil {
		return err
	}
	if dir[handle] != nil {
		return fmt.Errorf("%s is already in %s", handle, path)
	}
	var b bytes.Buffer
	b.Write(src)
	if len(src) > 0 && !bytes.HasSuffix(src, []byte("\n")) {
		b.WriteByte('\n')
	}
	if len(src) > 0 {
		b.WriteByte('\n')
	}
	key := handle
	if strings.ContainsAny(handle, ".") { // a dotted bare key would be a nested table
		key = strconv.Quote(handle)
	}
	fmt.Fprintf(&b, "[%s]\n", key)
	if name != "" {
		fmt.Fprintf(&b, "name = %s\n", strconv.Quote(name))
	}
	if experienced {
		b.WriteString("experienced = true\n")
	}
	return writeChecked(path, b.Bytes())
}

// Tick adds prerequisite to handle's list in the people.toml at path, as
// the checklist spells it, changing no other line. Ticking one already
// ticked is no change.
func Tick(path, handle, prerequisite string, checklist []string) (changed bool, err error) {
	spelled := ""
	for _, c := range checklist {
		if strings.EqualFold(strings.TrimSpace(c), strings.TrimSpace(prerequisite)) {
			spelled = c
		}
	}
	if spelled == "" {
		return false, fmt.Errorf("%q is not a prerequisite in config.toml (%s)", prerequisite, strings.Join(checklist, "; "))
	}
	src, err := readOrEmpty(path)
	if err != nil {
		return false, err
	}
	dir, err := Parse(path, src)
	if err != nil {
		return false, err
	}
	p := dir[handle]
	if p == nil {
		return false, fmt.Errorf("%s is not in %s (irp people add %s)", handle, path, handle)
	}
	if p.Has(spelled) {
		return false, nil
	}
	list := append(append([]string{}, p.Prerequisites...), spelled)
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = strconv.Quote(s)
	}
	line := "prerequisites = [" + strings.Join(quoted, ", ") + "]"
	lines := strings.SplitAfter(string(src), "\n")
	start := -1
	header := regexp.MustCompile(`^\s*\[\s*"?` + regexp.QuoteMeta(handle) + `"?\s*\]\s*(#.*)?$`)
	for i, l := range lines {
		if header.MatchString(strings.TrimRight(l, "\r\n")) {
			start = i
		}
	}
	if start < 0 {
		return false, fmt.Errorf("%s: cannot find the [%s] table to edit; add the prerequisite by hand", path, handle)
	}
	end := len(lines)
	for i := start + 1; i < len(lines); i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "[") {
			end = i
			break
		}
	}
	done := false
	for i := start + 1; i < end; i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "prerequisites") {
			if !strings.Contains(lines[i], "]") {
				return false, fmt.Errorf("%s: [%s]'s prerequisites span several lines; add the prerequisite by hand", path, handle)
			}
			lines[i] = line + "\n"
			done = true
			break
		}
	}
	if !done {
		lines = append(lines[:start+1], append([]string{line + "\n"}, lines[start+1:]...)...)
	}
	return true, writeChecked(path, []byte(strings.Join(lines, "")))
}

func readOrEmpty(path string) ([]byte, error) {
	src, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	return src, err
}

// writeChecked writes src over path only when it still parses: an edit
// never leaves people.toml broken.
func writeChecked(path string, src []byte) error {
	if _, err := Parse(path, src); err != nil {
		return fmt.Errorf("the edit would break %s: %w", path, err)
	}
	return atomicfile.Write(path, src, 0o644)
}
