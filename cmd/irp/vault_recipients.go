package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultRecipientsCmd) }

func newVaultRecipientsCmd() *cobra.Command {
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "recipients [add KEY... | rm KEY...]",
		Short: "List or change who can open the vault (re-encrypts everything)",
		Long: `With no arguments, list vault/recipients. "add" appends public keys (age1…,
ssh-ed25519, ssh-rsa or plugin recipients; put "# name" after a key, and
quote keys that contain spaces); "rm" removes keys, given as the key or as
the name after it. Both re-encrypt every sealed file to the new list, so
your identity must open them all.

Removing someone does not take back what they could read: old versions in
git history stay readable to them. Retire the scenarios they saw.`,
		Example: `  irp vault recipients
  irp vault recipients add "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p # alice"
  irp vault recipients add "$(cat ~/.ssh/id_ed25519.pub)"
  irp vault recipients rm alice`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault recipients")
			}
			if len(args) == 0 {
				return listRecipients(cmd, v)
			}
			verb, keys := args[0], args[1:]
			if verb != "add" && verb != "rm" {
				return problem.Usagef("vault recipients: unknown action %q (use add or rm)", verb)
			}
			if len(keys) == 0 {
				return problem.Usagef("vault recipients %s: give at least one key", verb)
			}
			old, err := os.ReadFile(v.RecipientsFile())
			if err != nil && !os.IsNotExist(err) {
				return wrapf(err, "vault recipients %s", verb)
			}
			var src []byte
			var removed []vault.Recipient
			if verb == "add" {
				src, err = addRecipients(v, old, keys)
			} else {
				src, removed, err = removeRecipients(v, old, keys)
			}
			if err != nil {
				return fmt.Errorf("vault recipients %s: %w", verb, err)
			}
			kr, err := loadKeys(idFiles)
			if err != nil {
				return wrapf(err, "vault recipients %s", verb)
			}
			n, err := v.SetRecipients(src, kr.ids)
			if err != nil {
				return wrapf(kr.explain(err), "vault recipients %s", verb)
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "%s now lists %d recipient(s); re-encrypted %d file(s)\n", v.Project.Rel(v.RecipientsFile()), len(v.Recipients), n)
			if verb == "rm" {
				for _, r := range removed {
					fmt.Fprintf(out, "removed %s\n", describe(r))
				}
				fmt.Fprintln(out, "warning: git history still holds the old files, which the removed people can decrypt;")
				fmt.Fprintln(out, "         retire the scenarios they saw (irp vault retire ID), and rotate any secret they held")
			}
			return nil
		},
	}
	identityFlag(cmd, &idFiles)
	return cmd
}

func listRecipients(cmd *cobra.Command, v *vault.Vault) error {
	if !v.HasFile {
		return fmt.Errorf("vault recipients: %s is missing (run irp vault init)", v.Project.Rel(v.RecipientsFile()))
	}
	tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LINE\tTYPE\tKEY\tNAME")
	for _, r := range v.Recipients {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", r.Line, r.Kind, short(r.Key), dash(r.Name))
	}
	return tw.Flush()
}

func short(key string) string {
	if len(key) <= 40 {
		return key
	}
	return key[:20] + "…" + key[len(key)-12:]
}

func describe(r vault.Recipient) string {
	if r.Name != "" {
		return r.Name + " (" + short(r.Key) + ")"
	}
	return short(r.Key)
}

func addRecipients(v *vault.Vault, old []byte, lines []string) ([]byte, error) {
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
		recs, err := vault.ParseRecipients(fmt.Sprintf("argument %d", i+1), []byte(line), nil)
		if err != nil {
			return nil, err
		}
		if len(recs) != 1 {
			return nil, problem.Usagef("argument %d is not a public key", i+1)
		}
		if have[recs[0].Key] {
			return nil, fmt.Errorf("%s is already a recipient", describe(recs[0]))
		}
		have[recs[0].Key] = true
		src = append(src, line+"\n"...)
	}
	return src, nil
}

func removeRecipients(v *vault.Vault, old []byte, keys []string) ([]byte, []vault.Recipient, error) {
	drop := map[int]bool{}
	var removed []vault.Recipient
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
			return nil, nil, fmt.Errorf("%q is not in %s (give the key or the name after it)", k, v.Project.Rel(v.RecipientsFile()))
		}
	}
	lines := bytes.SplitAfter(old, []byte("\n"))
	var out []byte
	for i, l := range lines {
		if !drop[i+1] {
			out = append(out, l...)
		}
	}
	return out, removed, nil
}
