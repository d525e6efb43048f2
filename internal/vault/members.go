package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"

	"irp/internal/problem"
)

// NotAKeyError means argument N given to AddRecipients is not one public
// key.
type NotAKeyError struct{ N int }

func (e *NotAKeyError) Error() string { return fmt.Sprintf("argument %d is not a public key", e.N) }

// AddRecipients appends lines (each a public key with an optional
// "# name") to vault/recipients and re-encrypts every sealed file to the
// new list, which ids must open. It returns how many files it re-encrypted.
func (v *Vault) AddRecipients(lines []string, ids []age.Identity) (int, error) {
	old, err := v.readRecipientsFile()
	if err != nil {
		return 0, err
	}
	have := map[string]bool{}
	for _, r := range v.Recipients {
		have[r.Key] = true
	}
	src := append([]byte{}, old...)
	if len(src) > 0 && src[len(src)-1] != '\n' {
		src = append(src, '\n')
	}
	for i, line := range lines {
		line = strings.TrimSpace(line)
		recs, err := ParseRecipients(fmt.Sprintf("argument %d", i+1), []byte(line), nil)
		if err != nil {
			return 0, err
		}
		if len(recs) != 1 {
			return 0, &NotAKeyError{i + 1}
		}
		if have[recs[0].Key] {
			return 0, fmt.Errorf("%s is already a recipient", recs[0].Describe())
		}
		have[recs[0].Key] = true
		src = append(src, line+"\n"...)
	}
	return v.SetRecipients(src, ids)
}

// RemoveRecipients drops the recipients given by key or by name from
// vault/recipients and re-encrypts every sealed file to the rest, which
// ids must open. It returns who was removed and how many files it
// re-encrypted.
func (v *Vault) RemoveRecipients(keys []string, ids []age.Identity) ([]Recipient, int, error) {
	old, err := v.readRecipientsFile()
	if err != nil {
		return nil, 0, err
	}
	drop := map[int]bool{}
	var removed []Recipient
	for _, k := range keys {
		k = strings.TrimSpace(k)
		found := false
		for _, r := range v.Recipients {
			if r.Key == k || r.Name == k || strings.HasPrefix(k, r.Key+" ") {
				if !drop[r.Line] {
					removed = append(removed, r)
				}
				drop[r.Line], found = true, true
			}
		}
		if !found {
			return nil, 0, fmt.Errorf("%q is not in %s (give the key or the name after it)", k, v.rel(v.RecipientsFile()))
		}
	}
	var src []byte
	for i, l := range bytes.SplitAfter(old, []byte("\n")) {
		if !drop[i+1] {
			src = append(src, l...)
		}
	}
	n, err := v.SetRecipients(src, ids)
	return removed, n, err
}

func (v *Vault) readRecipientsFile() ([]byte, error) {
	b, err := os.ReadFile(v.RecipientsFile())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

// Short is the key shortened for a table: its start and end.
func (r Recipient) Short() string {
	if len(r.Key) <= 40 {
		return r.Key
	}
	return r.Key[:20] + "…" + r.Key[len(r.Key)-12:]
}

// Describe names the recipient for a message: its name and short key.
func (r Recipient) Describe() string {
	if r.Name != "" {
		return r.Name + " (" + r.Short() + ")"
	}
	return r.Short()
}

// Admit adds the public keys in lines to vault/recipients with keys, as
// AddRecipients, and says on w what the file lists now. An argument that is
// not one public key is a usage error.
func Admit(w io.Writer, v *Vault, lines []string, keys Keys) error {
	if keys.Err != nil {
		return keys.Err
	}
	n, err := v.AddRecipients(lines, keys.IDs)
	if errors.As(err, new(*NotAKeyError)) {
		return problem.Usage(err)
	}
	if err != nil {
		return keys.Explain(err)
	}
	fmt.Fprintf(w, "%s now lists %d recipient(s); re-encrypted %d file(s)\n", v.rel(v.RecipientsFile()), len(v.Recipients), n)
	return nil
}

// Revoke removes the recipients named (by key or name) with keys, as
// RemoveRecipients, and says on w who went and what git history still
// gives them.
func Revoke(w io.Writer, v *Vault, names []string, keys Keys) error {
	if keys.Err != nil {
		return keys.Err
	}
	removed, n, err := v.RemoveRecipients(names, keys.IDs)
	if err != nil {
		return keys.Explain(err)
	}
	fmt.Fprintf(w, "%s now lists %d recipient(s); re-encrypted %d file(s)\n", v.rel(v.RecipientsFile()), len(v.Recipients), n)
	for _, r := range removed {
		fmt.Fprintf(w, "removed %s\n", r.Describe())
	}
	fmt.Fprintln(w, "warning: git history still holds the old files, which the removed people can decrypt;")
	fmt.Fprintln(w, "         retire the scenarios they saw (irp vault retire ID), and rotate any secret they held")
	return nil
}
