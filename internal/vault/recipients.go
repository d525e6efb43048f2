package vault

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"filippo.io/age/plugin"
	"filippo.io/age/tag"
	"golang.org/x/crypto/ssh"
)

// Recipient is one line of the recipients file.
type Recipient struct {
	Line int    // line number in the file
	Key  string // the public key as written
	Name string // the # comment after the key, or the ssh key's comment
	Kind string // X25519, ssh-ed25519, ssh-rsa, mlkem768x25519, tag, or plugin:NAME
	PQ   bool   // post-quantum (cannot be mixed with classic recipients)

	r age.Recipient
}

// Age returns the recipient for encryption.
func (r Recipient) Age() age.Recipient { return r.r }

// stanzaType is the header stanza type the recipient writes, "" if unknown
// (plugins choose their own).
func (r Recipient) stanzaType() string {
	if strings.HasPrefix(r.Kind, "plugin:") || r.Kind == "tag" {
		return ""
	}
	return r.Kind
}

// sshTag is the 4-byte key fingerprint agessh writes into its stanzas, or "".
func (r Recipient) sshTag() string {
	if !strings.HasPrefix(r.Kind, "ssh-") {
		return ""
	}
	pk, _, _, _, err := ssh.ParseAuthorizedKey([]byte(r.Key))
	if err != nil {
		return ""
	}
	h := sha256.Sum256(pk.Marshal())
	return base64.RawStdEncoding.EncodeToString(h[:4])
}

const lineLengthLimit = 8 << 10 // as cmd/age and sshd(8)

// ParseRecipients reads a recipients file: one public key per line, an
// optional "# name" after it, blank and # lines ignored. name is used in
// messages. ui is used by plugin recipients; nil means no plugin can prompt.
func ParseRecipients(name string, src []byte, ui *plugin.ClientUI) ([]Recipient, error) {
	if ui == nil {
		ui = terminalUI()
	}
	var recs []Recipient
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 4096), lineLengthLimit+2)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(strings.TrimSuffix(sc.Text(), "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("%s:%d: not valid UTF-8", name, n)
		}
		r, err := parseRecipientLine(line, ui)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, n, err)
		}
		r.Line = n
		recs = append(recs, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: line too long (over 8 KiB)", name, n+1)
	}
	var pq, classic *Recipient
	for i := range recs {
		if recs[i].PQ && pq == nil {
			pq = &recs[i]
		}
		if !recs[i].PQ && !strings.HasPrefix(recs[i].Kind, "plugin:") && classic == nil {
			classic = &recs[i]
		}
	}
	if pq != nil && classic != nil {
		return nil, fmt.Errorf("%s:%d: post-quantum recipient mixed with the classic one on line %d: age refuses to mix them (the file would be only as strong as the classic key); use one kind for everyone", name, pq.Line, classic.Line)
	}
	return recs, nil
}

// parseRecipientLine parses "KEY [# name]" or an ssh authorized_keys line.
func parseRecipientLine(line string, ui *plugin.ClientUI) (Recipient, error) {
	key, comment := line, ""
	if i := strings.Index(line, "#"); i >= 0 {
		key, comment = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+1:])
	}
	var r Recipient
	var err error
	switch {
	case strings.HasPrefix(key, "ssh-"):
		f := strings.Fields(key)
		if len(f) < 2 {
			return r, fmt.Errorf("ssh key without its base64 part")
		}
		if comment == "" && len(f) > 2 {
			comment = strings.Join(f[2:], " ")
		}
		key = f[0] + " " + f[1]
		r.Kind = f[0]
		if r.Kind != "ssh-ed25519" && r.Kind != "ssh-rsa" {
			return r, fmt.Errorf("unsupported ssh key type %q (use ssh-ed25519, ssh-rsa or an age key)", f[0])
		}
		r.r, err = agessh.ParseRecipient(key)
	default:
		if f := strings.Fields(key); len(f) != 1 {
			return r, fmt.Errorf("expected one key per line (age1…, ssh-ed25519, ssh-rsa), found %d words", len(f))
		}
		switch {
		case strings.HasPrefix(key, "AGE-"):
			return r, fmt.Errorf("this is a private key: remove it from the file now, and treat it as leaked")
		case strings.HasPrefix(key, "age1tag1") || strings.HasPrefix(key, "age1tagpq1"):
			r.Kind, r.PQ = "tag", strings.HasPrefix(key, "age1tagpq1")
			r.r, err = tag.ParseRecipient(key)
		case strings.HasPrefix(key, "age1pq1"):
			r.Kind, r.PQ = "mlkem768x25519", true
			r.r, err = age.ParseHybridRecipient(key)
		case strings.HasPrefix(key, "age1") && strings.Count(key, "1") > 1:
			var p *plugin.Recipient
			p, err = plugin.NewRecipient(key, ui)
			if err == nil {
				r.Kind, r.r = "plugin:"+p.Name(), p
			}
		case strings.HasPrefix(key, "age1"):
			r.Kind = "X25519"
			r.r, err = age.ParseX25519Recipient(key)
		default:
			return r, fmt.Errorf("not a public key (expected age1…, ssh-ed25519 or ssh-rsa)")
		}
	}
	if err != nil {
		// age's messages can quote the line; keep ours to the kind of problem.
		return r, fmt.Errorf("malformed %s recipient", kindWord(key))
	}
	r.Key, r.Name = key, comment
	return r, nil
}

func kindWord(key string) string {
	switch {
	case strings.HasPrefix(key, "ssh-"):
		return strings.Fields(key)[0]
	case strings.HasPrefix(key, "age1"):
		return "age"
	}
	return "age"
}

// readRecipients reads and parses path; a missing file is an empty list.
func readRecipients(path, display string) ([]Recipient, bool, error) {
	src, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	recs, err := ParseRecipients(display, src, nil)
	return recs, true, err
}
