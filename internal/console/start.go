package console

import (
	"fmt"
	"io"

	"irp/internal/session"
	"irp/internal/vault"
)

// Start runs the console on session page for the instigator by (see
// session.Page.Instigator) with keys, reading keys pressed from in and
// drawing on out. When it ends, info says where everything recorded is.
func Start(in io.Reader, out, info io.Writer, env *session.Env, page *session.Page, by string, keys vault.Keys, noColor bool) error {
	who, s, err := env.OpenAs(page, by, keys)
	if err != nil {
		return err
	}
	start, err := env.SurpriseStart(page, keys.IDs)
	if err != nil {
		return keys.Explain(err)
	}
	cfg := Config{Env: env, Page: page, Scenario: s, IDs: keys.IDs, By: who, Start: start, NoColor: noColor}
	if err := Run(cfg, in, out); err != nil {
		return keys.Explain(err)
	}
	fmt.Fprintf(info, "everything recorded is in vault/sessions/%s.journal.%s.age; run the console again to resume\n", page.Name, who)
	return nil
}
