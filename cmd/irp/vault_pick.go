package main

import (
	"strings"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"irp/internal/problem"
	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultPickCmd) }

func newVaultPickCmd() *cobra.Command {
	var responders string
	var asJSON bool
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "pick --responders a,b,c",
		Short: "List scenarios in the pool that none of these responders has seen",
		Long: `List the scenarios still in the pool (not retired) that none of the given
responders has seen, according to vault/ledger.jsonl.`,
		Example: `  irp vault pick --responders alice,bob,carol
  irp vault pick --responders alice,bob --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var people []string
			for _, p := range strings.Split(responders, ",") {
				if p = strings.TrimSpace(p); p != "" {
					people = append(people, p)
				}
			}
			if len(people) == 0 {
				return problem.Usagef("--responders needs at least one name")
			}
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault pick")
			}
			picked, err := listScenarios(cmd, idFiles, func(ids []age.Identity) ([]vault.Listing, error) { return vault.Pick(v, people, ids) })
			if err != nil {
				return wrapf(err, "vault pick")
			}
			return printRows(cmd, picked, asJSON)
		},
	}
	cmd.Flags().StringVar(&responders, "responders", "", "comma-separated responder names, as in the ledger")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	identityFlag(cmd, &idFiles)
	return cmd
}
