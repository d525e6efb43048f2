package team

import (
	"fmt"
	"io"
	"strings"

	"irp/internal/doc"
	"irp/internal/problem"
	"irp/internal/session"
	"irp/internal/vault"
)

// CheckSession writes the warnings about session page's team on w, one a
// line (see session.Env.Check), with one more when its scenario breaks no
// new ground for the responders (when keys open it). With strict, any
// warning is problem.Found.
func CheckSession(w io.Writer, env *session.Env, page *session.Page, keys vault.Keys, strict bool) error {
	warnings, err := env.Check(page)
	if err != nil {
		return err
	}
	if nw, ok := newGround(env, page, keys); ok {
		warnings = append(warnings, nw)
	}
	for _, x := range warnings {
		fmt.Fprintf(w, "%s:%d: warning: %s\n", page.Rel, x.Line, x.Msg)
	}
	if len(warnings) == 0 {
		fmt.Fprintf(w, "%s: team looks right: no warnings\n", page.Rel)
		return nil
	}
	fmt.Fprintf(w, "%s: %d warning(s)\n", page.Rel, len(warnings))
	if strict {
		return problem.Found
	}
	return nil
}

// newGround is the warning when the planned scenario covers only
// components every responder has practised before this session; none when
// it does not, or when keys cannot open the scenario.
func newGround(env *session.Env, page *session.Page, keys vault.Keys) (session.Warning, bool) {
	if keys.Err != nil {
		return session.Warning{}, false
	}
	people, scenarios, err := View(env, keys, page.Name)
	s := scenarios[page.Scenario]
	if err != nil || s == nil {
		return session.Warning{}, false
	}
	covered := Covered(Of(people, page.Responders), s.Components)
	if covered == nil {
		return session.Warning{}, false
	}
	return session.Warning{
		Line: doc.FieldLine(page.Src, page.Doc.BodyLine, "scenario"),
		Msg: fmt.Sprintf("scenario %s covers only components every responder has practised (%s): no new ground for this team; irp vault pick ranks the others",
			page.Scenario, strings.Join(covered, ", ")),
	}, true
}
