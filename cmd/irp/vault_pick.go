package main

import (
	"strings"

	"github.com/spf13/cobra"

	"irp/internal/ledger"
	"irp/internal/problem"
)

func init() { addCommand("vault", newVaultPickCmd) }

func newVaultPickCmd() *cobra.Command {
	var responders string
	var asJSON bool
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "pick --responders a,b,c",
		Short: "Rank the scenarios none of these responders has seen by new ground for them",
		Long: `List the scenarios still in the pool (not retired) that none of the given
responders has seen, according to vault/ledger.jsonl, best first: those
with the most components none of them has practised (irp team), then those
whose components they have practised least, then a difficulty that suits
the team's experience (easy for newcomers, hard for experienced people).
Each comes with a one-line reason (--json: "reason", "new_ground").

Components and difficulty are sealed: scenarios your identity cannot open
are listed last, unranked.`,
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
			entries, err := ledger.Read(v.LedgerFile())
			if err != nil {
				return wrapf(err, "vault pick")
			}
			rows, err := scenarioRows(v, idFiles, cmd)
			if err != nil {
				return wrapf(err, "vault pick")
			}
			var picked []scenarioRow
		next:
			for _, r := range rows {
				if r.Status == "retired" {
					continue
				}
				for _, p := range people {
					if ledger.SeenBy(entries, p)[r.ID] {
						continue next
					}
				}
				picked = append(picked, r)
			}
			if picked == nil {
				picked = []scenarioRow{}
			}
			return printPicked(cmd, picked, people, idFiles, asJSON)
		},
	}
	cmd.Flags().StringVar(&responders, "responders", "", "comma-separated responder names, as in the ledger")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	identityFlag(cmd, &idFiles)
	return cmd
}
