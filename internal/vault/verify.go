package vault

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// Problem is one finding of Verify or Check.
type Problem struct {
	File string // relative to the project; "" when Msg names it
	Msg  string
}

func (p Problem) String() string {
	if p.File == "" {
		return p.Msg
	}
	return p.File + ": " + p.Msg
}

// stanza is one recipient stanza of an age header.
type stanza struct {
	Type string
	Args []string
}

// readHeader parses the recipient stanzas of an (armored) age file without
// decrypting it.
func readHeader(path string) ([]stanza, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var src io.Reader = br
	armored := false
	if head, _ := br.Peek(len(armor.Header) + 64); bytes.HasPrefix(bytes.TrimSpace(head), []byte(armor.Header)) {
		src, armored = armor.NewReader(br), true
	}
	hdr, err := age.ExtractHeader(src)
	if err != nil {
		return nil, fmt.Errorf("not an age file: %v", err)
	}
	if armored {
		// Reading the armor to its end line catches truncation without a key.
		if _, err := io.Copy(io.Discard, src); err != nil {
			return nil, fmt.Errorf("damaged: %v", err)
		}
	}
	var out []stanza
	for _, line := range strings.Split(string(hdr), "\n") {
		if rest, ok := strings.CutPrefix(line, "-> "); ok {
			f := strings.Fields(rest)
			if len(f) == 0 {
				return nil, fmt.Errorf("malformed age header")
			}
			out = append(out, stanza{f[0], f[1:]})
		}
	}
	return out, nil
}

// Verify checks every sealed file: its header is addressed to exactly the
// recipients file (stanza count and types, and the key fingerprint of ssh
// recipients), and, when ids are given, that it opens and holds what its
// name says. It returns the problems found, in file order.
func (v *Vault) Verify(ids []age.Identity) ([]Problem, error) {
	names, err := v.Files()
	if err != nil {
		return nil, err
	}
	want := v.expectedStanzas()
	hasPlugin := false
	for _, r := range v.Recipients {
		hasPlugin = hasPlugin || r.stanzaType() == ""
	}
	probs := make([][]Problem, len(names))
	_ = parallel(len(names), func(i int) error {
		name := names[i]
		path := v.path(name)
		rel := v.rel(path)
		add := func(format string, args ...any) {
			probs[i] = append(probs[i], Problem{rel, fmt.Sprintf(format, args...)})
		}
		st, err := readHeader(path)
		if err != nil {
			add("%v", err)
			return nil
		}
		if msg := compareStanzas(want, st, hasPlugin); msg != "" {
			add("%s (run irp vault rekey)", msg)
		}
		if ids == nil {
			return nil
		}
		if id, ok := strings.CutPrefix(name, "scenarios/"); ok && !strings.Contains(id, "/") {
			_, err = v.Open(id, ids)
		} else {
			_, err = v.openEnvelope(name, ids)
		}
		var de *DamagedError
		switch {
		case errors.Is(err, ErrNoKey):
			add("your identity cannot open it")
		case errors.As(err, &de):
			add("%s", de.Why)
		case err != nil:
			add("%v", err)
		}
		return nil
	})
	var out []Problem
	for _, p := range probs {
		out = append(out, p...)
	}
	return out, nil
}

// expectedStanzas is the sorted list of "type fingerprint" keys the
// recipients file implies, for the recipients whose stanza type is known.
func (v *Vault) expectedStanzas() []string {
	var want []string
	for _, r := range v.Recipients {
		if t := r.stanzaType(); t != "" {
			want = append(want, strings.TrimSpace(t+" "+r.sshTag()))
		}
	}
	sort.Strings(want)
	return want
}

func compareStanzas(want []string, got []stanza, hasPlugin bool) string {
	known := map[string]bool{"X25519": true, "ssh-ed25519": true, "ssh-rsa": true, "mlkem768x25519": true, "scrypt": true}
	var have []string
	other := 0
	for _, s := range got {
		if !known[s.Type] {
			other++
			continue
		}
		key := s.Type
		if strings.HasPrefix(s.Type, "ssh-") && len(s.Args) > 0 {
			key += " " + s.Args[0]
		}
		have = append(have, key)
	}
	sort.Strings(have)
	if strings.Join(have, ",") == strings.Join(want, ",") && (other == 0 || hasPlugin) {
		return ""
	}
	if g, w := summarize(got), summarizeKeys(want); len(got) != len(want) || g != w {
		return fmt.Sprintf("sealed to %d recipient(s) (%s), but vault/recipients lists %d (%s)", len(got), g, len(want), w)
	}
	// Same count and types: an ssh key was swapped for another.
	return "sealed to an ssh key that vault/recipients does not list (its key fingerprint differs)"
}

func summarize(st []stanza) string {
	n := map[string]int{}
	for _, s := range st {
		n[s.Type]++
	}
	return countList(n)
}

func summarizeKeys(keys []string) string {
	n := map[string]int{}
	for _, k := range keys {
		t, _, _ := strings.Cut(k, " ")
		n[t]++
	}
	return countList(n)
}

func countList(n map[string]int) string {
	var parts []string
	for t, c := range n {
		parts = append(parts, fmt.Sprintf("%d %s", c, t))
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
