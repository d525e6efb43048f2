package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/scenario"
)

func init() { addCommand("vault", newVaultOpenCmd) }

func newVaultOpenCmd() *cobra.Command {
	var section string
	var raw bool
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "open ID",
		Short: "Decrypt a scenario to stdout (in memory; nothing is written to disk)",
		Long: `Decrypt a sealed scenario and print it. The file must hold the scenario
its name says (the id and revision are sealed inside it), so a renamed or
swapped file is reported instead of printed.

--section prints one section, for example the hint ladder during a session
without the resolution on screen. --raw prints the decrypted text without
checks, for files encrypted with the age CLI.`,
		Example: `  irp vault open amber-heron
  irp vault open amber-heron --section Hints
  irp vault open amber-heron -i testdata/demo-instigator.key`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			if section != "" && raw {
				return problem.Usagef("--section and --raw cannot be used together")
			}
			if section != "" && !validSection(section) {
				return problem.Usagef("no section %q (sections: %s)", section, strings.Join(scenario.SectionNames, ", "))
			}
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault open %s", id)
			}
			keys, err := loadKeys(idFiles)
			if err != nil {
				return wrapf(err, "vault open %s", id)
			}
			if raw {
				pt, err := v.OpenRaw(id, keys.ids)
				if err != nil {
					return wrapf(keys.explain(err), "vault open %s", id)
				}
				_, err = cmd.OutOrStdout().Write(pt)
				return err
			}
			if section == "" {
				src, err := v.OpenSource(id, keys.ids)
				if err != nil {
					return wrapf(keys.explain(err), "vault open %s", id)
				}
				_, err = cmd.OutOrStdout().Write(src)
				return err
			}
			s, err := v.Open(id, keys.ids)
			if err != nil {
				return wrapf(keys.explain(err), "vault open %s", id)
			}
			body, _ := s.Section(section)
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "## %s\n\n%s\n", canonicalSection(section), body)
			return err
		},
	}
	cmd.Flags().StringVar(&section, "section", "", "print only this section ("+strings.Join(scenario.SectionNames, ", ")+")")
	cmd.Flags().BoolVar(&raw, "raw", false, "print the decrypted text as is, without checking id and revision")
	identityFlag(cmd, &idFiles)
	return cmd
}

func validSection(name string) bool { return canonicalSection(name) != "" }

func canonicalSection(name string) string {
	for _, n := range scenario.SectionNames {
		if strings.EqualFold(n, strings.TrimSpace(name)) {
			return n
		}
	}
	return ""
}
