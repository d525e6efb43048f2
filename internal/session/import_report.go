package session

import (
	"fmt"
	"io"
	"strings"

	"irp/internal/problem"
	"irp/internal/vault"
)

// ParseMap reads --map chat-handle=name flags into ImportOptions.Map.
func ParseMap(maps []string) (map[string]string, error) {
	m := map[string]string{}
	for _, s := range maps {
		k, v, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(k) == "" || strings.TrimSpace(v) == "" {
			return nil, problem.Usagef("--map %q: want chat-handle=name", s)
		}
		m[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return m, nil
}

// Import imports chat exports into session p with keys, as ImportChat, and
// says on out what it proposed and added; on info, what it could not do
// and (verbose) what it read. Keys named with -i must load.
func (e *Env) Import(out, info io.Writer, p *Page, o ImportOptions, keys vault.Keys, verbose bool) error {
	if keys.Err != nil && keys.Named {
		return keys.Err
	}
	res, err := e.ImportChat(p, o, keys.IDs)
	if err != nil {
		return err
	}
	if res.LeakSkipped {
		fmt.Fprintf(info, "irp: leak check skipped: no identity opens the vault (pass -i to check the proposals for sealed text)\n")
	}
	if len(res.Unmapped) > 0 {
		fmt.Fprintf(info, "not in the session: %s (add --map chat-handle=name)\n", strings.Join(res.Unmapped, ", "))
	}
	if verbose {
		fmt.Fprintf(info, "read %d message(s) on the session's day; left out %d on other days and %d that are not messages\n", res.Messages, res.OtherDays, res.Skipped)
	}
	fmt.Fprintf(out, "proposed %d timeline entries in %s\n", len(res.Proposals), e.Project.Rel(res.Draft))
	if o.Accept {
		fmt.Fprintf(out, "added %d to %s\n", res.Accepted, p.Rel)
	}
	return nil
}
