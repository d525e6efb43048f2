package session

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"irp/internal/vault"
)

// PublishPage publishes session p with keys, as Publish, and says on out
// what it did; problems, warnings and the pages the feed left out go on
// warn. Problems are one error that says the page is unchanged.
func (e *Env) PublishPage(out, warn io.Writer, p *Page, keys vault.Keys) error {
	res, probs, err := e.Publish(p, keys.IDs)
	switch {
	case errors.Is(err, ErrNeedIdentity) && keys.Err != nil:
		return fmt.Errorf("%w: %v", err, keys.Err)
	case err != nil:
		return keys.Explain(err)
	}
	if len(probs) > 0 {
		for _, pr := range probs {
			fmt.Fprintf(warn, "%s\n", pr)
		}
		return fmt.Errorf("%d problem(s); %s is unchanged", len(probs), p.Rel)
	}
	if res.Already {
		fmt.Fprintf(out, "%s: already published; it still checks out\n", p.Rel)
		return nil
	}
	if len(res.Seen) > 0 {
		fmt.Fprintf(out, "recorded %s as having seen %s\n", strings.Join(res.Seen, ", "), p.Scenario)
	}
	if res.Synced > 0 {
		fmt.Fprintf(out, "merged %d timeline and hint entries from the instigators' journals\n", res.Synced)
	}
	if res.Notes {
		fmt.Fprintf(out, "sealed the private notes in vault/%s.age\n", NotesName(p.Name))
	}
	for _, w := range res.Warn {
		fmt.Fprintf(warn, "%s\n", w)
	}
	pool := "the scenario is in the pool: the page names only the codename"
	if res.Retired {
		pool = "the scenario is retired: the page links to its full text"
	}
	fmt.Fprintf(out, "published %s (%s)\n", p.Rel, pool)
	fmt.Fprintf(out, "next: irp build, to put it on the site\n")
	ReportFeed(warn, res.Bad)
	return nil
}
