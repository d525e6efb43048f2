package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sync"

	"github.com/spf13/cobra"

	"irp/internal/doc"
	"irp/internal/problem"
	"irp/internal/scenario"
	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultSealCmd) }

func newVaultSealCmd() *cobra.Command {
	var id string
	var keep bool
	var idFiles []string
	cmd := &cobra.Command{
		Use:   "seal FILE",
		Short: "Encrypt a plaintext scenario into vault/scenarios/ID.age",
		Long: `Check a plaintext scenario (front matter and every section), encrypt it to
everyone in vault/recipients and write vault/scenarios/ID.age atomically.
Sealing over an existing scenario bumps its revision when your identity
opens the old one. The plaintext is removed after a verified seal unless
--keep is given.`,
		Example: `  irp new scenario amber-heron && $EDITOR ~/.local/share/irp/drafts/amber-heron.md
  irp vault seal ~/.local/share/irp/drafts/amber-heron.md
  irp vault seal --keep --id amber-heron ~/scenarios/registrar-down.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := args[0]
			src, err := os.ReadFile(file)
			if err != nil {
				return fmt.Errorf("vault seal: %w", err)
			}
			if id != "" {
				if !scenario.ValidID(id) {
					return problem.Usagef("--id %q is not a codename (lowercase letters, digits and dashes, like amber-heron)", id)
				}
				if src, err = setID(file, src, id); err != nil {
					return fmt.Errorf("vault seal %s: %w", file, err)
				}
			}
			s, err := scenario.Parse(file, src)
			if err != nil {
				return fmt.Errorf("vault seal: %w", err)
			}
			v, err := openVault()
			if err != nil {
				return wrapf(err, "vault seal %s", file)
			}
			s.Revision = 1
			// An identity is optional for a new scenario: it only proves the
			// new file opens. Replacing one needs it, to carry the revision on
			// (and not to overwrite, unseen, a scenario one cannot read).
			keys, _ := loadKeys(idFiles)
			if _, err := os.Stat(v.ScenarioFile(s.ID)); err == nil {
				if keys.ids == nil {
					return problem.WithHint(fmt.Errorf("vault seal %s: %s already exists and no identity was found to open it", s.ID, v.Project.Rel(v.ScenarioFile(s.ID))),
						"pass -i KEY to replace it with a new revision, or pick another --id")
				}
				old, err := v.Open(s.ID, keys.ids)
				if err != nil {
					return problem.WithHint(fmt.Errorf("vault seal %s: %s already exists and does not open with your identity: %w", s.ID, v.Project.Rel(v.ScenarioFile(s.ID)), err),
						"pick another --id, or remove the old file first if it is really to be replaced")
				}
				s.Revision = old.Revision + 1
				if bytes.Equal(old.Source, s.Source) {
					s.Revision = old.Revision
				}
			}
			if err := v.Seal(s); err != nil {
				return fmt.Errorf("vault seal %s: %w", s.ID, err)
			}
			if probs, err := v.Verify(nil); err == nil {
				for _, p := range probs {
					if p.File == v.Project.Rel(v.ScenarioFile(s.ID)) {
						return fmt.Errorf("vault seal %s: sealed file does not check: %s", s.ID, p.Msg)
					}
				}
			}
			verified := "header checked"
			if keys.ids != nil {
				back, err := v.Open(s.ID, keys.ids)
				switch {
				case errors.Is(err, vault.ErrNoKey):
					verified = "header checked; your identity is not a recipient"
				case err != nil:
					return fmt.Errorf("vault seal %s: reading back: %w", s.ID, err)
				case !bytes.Equal(back.Source, s.Source):
					return fmt.Errorf("vault seal %s: reading back gave different text", s.ID)
				default:
					verified = "decrypted and compared"
				}
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "sealed %s (revision %d) to %d recipient(s): %s (%s)\n",
				s.ID, s.Revision, len(v.Recipients), v.Project.Rel(v.ScenarioFile(s.ID)), verified)
			if !keep {
				if err := os.Remove(file); err != nil {
					return fmt.Errorf("vault seal: sealed, but removing the plaintext: %w", err)
				}
				fmt.Fprintf(out, "removed the plaintext %s (--keep keeps it)\n", file)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&id, "id", "", "scenario id (codename) to seal under; replaces the front matter id")
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the plaintext file after sealing")
	identityFlag(cmd, &idFiles)
	return cmd
}

var (
	yamlID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^id:.*$`) })
	tomlID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^id\s*=.*$`) })
)

// setID rewrites (or adds) the id field of src's front matter.
func setID(name string, src []byte, id string) ([]byte, error) {
	d, err := doc.Parse(name, src)
	if err != nil {
		return nil, err
	}
	fmEnd := len(src) - len(d.Body)
	fm, body := src[:fmEnd], src[fmEnd:]
	var re *regexp.Regexp
	var line string
	switch d.Format {
	case doc.YAML:
		re, line = yamlID(), "id: "+id
	case doc.TOML:
		re, line = tomlID(), `id = "`+id+`"`
	default:
		return nil, fmt.Errorf("no front matter to put the id in")
	}
	if re.Match(fm) {
		fm = re.ReplaceAll(fm, []byte(line))
	} else {
		nl := bytes.IndexByte(fm, '\n') + 1
		fm = append(append(append([]byte{}, fm[:nl]...), line+"\n"...), fm[nl:]...)
	}
	return append(fm, body...), nil
}
