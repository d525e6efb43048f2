package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"irp/internal/project"
	"irp/internal/vault"
)

func init() { addCommand("vault", newVaultInitCmd) }

func newVaultInitCmd() *cobra.Command {
	var name string
	var force bool
	var idFile string
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Start the team's vault: vault/recipients with your public key",
		Long: `Create vault/ and write vault/recipients with your public key as its only
line. Your key comes from -i, else the first of ~/.config/irp/identity,
~/.ssh/id_ed25519, ~/.ssh/id_rsa that exists; if there is none, a new age
identity is written to ~/.config/irp/identity (mode 0600).

A checkout that still has only the demo recipient is replaced without
--force. Scenarios already sealed stay readable to the old recipients until
you run irp vault rekey with a key that opens them.`,
		Example: `  irp vault init
  irp vault init --name alice -i ~/.ssh/id_ed25519
  irp vault rekey -i testdata/demo-instigator.key   # then move the demo scenarios to you`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := project.Find(".")
			if err != nil {
				return wrapf(err, "vault init")
			}
			v, err := vault.Load(p)
			if err != nil && !force {
				return wrapf(err, "vault init")
			}
			if v != nil && v.HasFile && !force && !onlyDemo(v) {
				return fmt.Errorf("vault init: %s already lists %d recipient(s): add people with irp vault recipients add, or replace the file with --force", p.Rel(p.Vault()+"/recipients"), len(v.Recipients))
			}
			out := cmd.OutOrStdout()
			pub, from, err := ownPublicKey(idFile, out)
			if err != nil {
				return wrapf(err, "vault init")
			}
			if name == "" {
				if u, err := user.Current(); err == nil {
					name = u.Username
				}
			}
			line := pub
			if name != "" && !strings.HasPrefix(pub, "ssh-") {
				line += " # " + name
			} else if name != "" {
				f := strings.Fields(pub)
				line = strings.Join(f[:min(2, len(f))], " ") + " # " + name
			}
			src := "# Who can open the sealed scenarios: one public key per line, \"# name\" after it.\n" +
				"# Change it with irp vault recipients add/rm, which re-encrypts everything.\n\n" + line + "\n"
			if _, err := vault.ParseRecipients("vault/recipients", []byte(src), nil); err != nil {
				return wrapf(err, "vault init: your key from %s", from)
			}
			if err := os.MkdirAll(filepath.Join(p.Vault(), "scenarios"), 0o755); err != nil {
				return wrapf(err, "vault init")
			}
			if err := os.WriteFile(filepath.Join(p.Vault(), "recipients"), []byte(src), 0o644); err != nil {
				return wrapf(err, "vault init")
			}
			fmt.Fprintf(out, "wrote %s with your key from %s\n", p.Rel(filepath.Join(p.Vault(), "recipients")), from)
			if v2, err := vault.Load(p); err == nil {
				if files, _ := v2.Files(); len(files) > 0 {
					fmt.Fprintf(out, "%d sealed file(s) are still addressed to the old recipients: run irp vault rekey -i OLD-KEY (for the demo: -i testdata/demo-instigator.key)\n", len(files))
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "name written after your key (default: your user name)")
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing recipients file")
	cmd.Flags().StringVarP(&idFile, "identity", "i", "", "your identity file (its public key is used)")
	return cmd
}

func onlyDemo(v *vault.Vault) bool {
	for _, r := range v.Recipients {
		if !strings.Contains(r.Name, "demo") {
			return false
		}
	}
	return true
}

// ownPublicKey finds the caller's public key, creating an age identity when
// there is none.
func ownPublicKey(idFile string, out interface{ Write([]byte) (int, error) }) (pub, from string, err error) {
	home, _ := os.UserHomeDir()
	candidates := []string{idFile}
	if idFile == "" {
		candidates = []string{vault.DefaultIdentityPath(os.Getenv, home), filepath.Join(home, ".ssh", "id_ed25519"), filepath.Join(home, ".ssh", "id_rsa")}
	}
	for _, f := range candidates {
		if _, err := os.Stat(f); err != nil {
			if idFile != "" {
				return "", "", err
			}
			continue
		}
		pub, err := publicKeyOf(f)
		return pub, f, err
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return "", "", err
	}
	path := candidates[0]
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", "", err
	}
	body := fmt.Sprintf("# created: %s\n# public key: %s\n%s\n", time.Now().UTC().Format(time.RFC3339), id.Recipient(), id)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", "", err
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return "", "", err
	}
	if err := f.Close(); err != nil {
		return "", "", err
	}
	fmt.Fprintf(out, "created a new identity in %s (back it up; it is the only key to your scenarios)\n", path)
	return id.Recipient().String(), path, nil
}

// publicKeyOf returns the recipient for an identity file: the "# public key"
// or computed key of an age identity, or the .pub next to an ssh key.
func publicKeyOf(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if bytes.Contains(b, []byte("-----BEGIN")) {
		pub, err := os.ReadFile(path + ".pub")
		if err != nil {
			return "", fmt.Errorf("%s is an ssh key but %s.pub is missing", path, path)
		}
		return strings.TrimSpace(string(pub)), nil
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "AGE-SECRET-KEY-PQ-") {
			id, err := age.ParseHybridIdentity(line)
			if err != nil {
				return "", fmt.Errorf("%s: malformed identity", path)
			}
			return id.Recipient().String(), nil
		}
		if strings.HasPrefix(line, "AGE-SECRET-KEY-") {
			id, err := age.ParseX25519Identity(line)
			if err != nil {
				return "", fmt.Errorf("%s: malformed identity", path)
			}
			return id.Recipient().String(), nil
		}
		if pk, ok := strings.CutPrefix(line, "# public key: "); ok {
			return pk, nil
		}
	}
	return "", fmt.Errorf("%s: no age or ssh key found (encrypted and plugin identities: add your public key with irp vault recipients add)", path)
}
