package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/engine"
	"irp/internal/impact"
	"irp/internal/ledger"
	"irp/internal/problem"
	"irp/internal/project"
	"irp/internal/session"
	"irp/internal/vault"
)

// cmdlineError is a mistake on the command line that cobra found (an
// unknown verb or flag, a wrong number of arguments): its words already
// name the command, so report adds no <what>.
type cmdlineError struct{ err error }

func (e cmdlineError) Error() string { return e.err.Error() }
func (e cmdlineError) Unwrap() error { return e.err }

// report is the one place an error becomes what the user reads: the line
// "irp: <what>: <why>", where <what> is the verb and its subject (vault
// open amber-heron) and <why> the error, then a line "hint: <next step>"
// when there is one. An error that is problem.Found prints nothing: the
// verb has listed its findings. It returns the exit code.
func report(w io.Writer, cmd *cobra.Command, err error) int {
	if err == nil {
		return problem.ExitOK
	}
	var ce cmdlineError
	if !errors.Is(err, problem.Found) {
		what := ""
		if cmd != nil && cmd.HasParent() && !errors.As(err, &ce) {
			what = whatFailed(cmd) + ": "
		}
		fmt.Fprintf(w, "irp: %s%s\n", what, err)
		if h := hint(err); h != "" {
			fmt.Fprintf(w, "hint: %s\n", h)
		}
	}
	if errors.As(err, &ce) {
		return problem.ExitUsage
	}
	return problem.Code(err)
}

// warn is how a verb that goes on after a problem tells the user about it
// as it happens: one line "irp: <warning>", worded here for its kind.
func warn(w io.Writer) func(error) {
	return func(err error) {
		var (
			file *impact.FileError
			zone *impact.ZoneError
		)
		switch {
		case errors.As(err, &file):
			fmt.Fprintf(w, "irp: reading %s\n", err)
		case errors.As(err, &zone):
			fmt.Fprintf(w, "irp: not merged: %s\n", err)
		default:
			fmt.Fprintf(w, "irp: %s\n", err)
		}
	}
}

// whatFailed is the verb's path without "irp", and the subject it was
// given when its usage names one (ID, FILE, DIR or NAME as the last word).
func whatFailed(cmd *cobra.Command) string {
	what := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
	use := strings.Fields(cmd.Use)
	args := cmd.Flags().Args()
	if last := use[len(use)-1]; len(use) > 1 && len(args) == 1 && strings.ToUpper(last) == last && strings.Trim(last, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		what += " " + args[0]
	}
	return what
}

// hint is the next step after err: one a verb attached, else the one for
// its kind.
func hint(err error) string {
	if h := problem.Hint(err); h != "" {
		return h
	}
	var (
		noID    *vault.NoIdentityError
		replace *vault.ReplaceError
		line    *ledger.LineError
		noPage  *session.NoPageError
		unseal  *session.NotSealedError
		unfin   *vault.UnfinishedError
		seen    *vault.SeenError
		badID   *vault.BadIDError
		loose   *vault.LooseKeyError
	)
	switch {
	case errors.As(err, &noID) && noID.What == "":
		return "pass your key with -i FILE, or ask an organiser to add your public key (irp vault recipients add)"
	case errors.As(err, &noID):
		return "ask an organiser to add your public key to vault/recipients and run irp vault rekey"
	case errors.As(err, &replace) && replace.Err == nil:
		return "pass -i KEY to replace it with a new revision, or pick another --id"
	case errors.As(err, &replace):
		return "pick another --id, or remove the old file first if it is really to be replaced"
	case errors.As(err, &loose):
		return "chmod 600 " + loose.File
	case errors.As(err, &badID) && badID.Session():
		return "irp session when content/sessions/" + badID.ID + " shows a session's sealed start time"
	case errors.As(err, &badID):
		return "irp vault list shows the scenario ids"
	case errors.As(err, &seen):
		return "retire it instead (irp vault retire " + seen.ID + "), which publishes it"
	case errors.As(err, &unfin):
		return "write those parts in your own words (the Hints ladder starts with a pointer, never the answer), then seal again"
	case errors.As(err, &line) && line.Tampered:
		return "restore vault/ledger.jsonl from git (git log -p vault/ledger.jsonl); the ledger is append-only"
	case errors.Is(err, session.ErrNeedIdentity):
		return "publish as an instigator: pass -i FILE or set IRP_IDENTITY"
	case errors.As(err, &noPage):
		return "name a directory under content/sessions (irp session new writes one)"
	case errors.As(err, &unseal):
		return "irp vault list shows the scenarios; irp vault pick --responders ... suggests one nobody has seen"
	case errors.Is(err, engine.ErrNotFound):
		return "run make, which builds bin/irp and bin/irp-site"
	case errors.As(err, new(*project.NotFoundError)):
		return "run irp from inside a checkout of the site (the directory with config.toml)"
	}
	return ""
}
