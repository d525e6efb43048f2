package leak

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"strings"
	"sync"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/ssh"
)

// testKeys are real private keys of every format the key check knows,
// made when the tests run so that no key sits in the source.
func testKeys(t testing.TB) map[string]string {
	t.Helper()
	m, err := genKeys()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var genKeys = sync.OnceValues(func() (map[string]string, error) {
	out := map[string]string{}
	x, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	out["age"] = x.String()
	pq, err := age.GenerateHybridIdentity()
	if err != nil {
		return nil, err
	}
	out["age-pq"] = pq.String()
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	out["rsa"] = string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rk)}))
	_, ek, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(ek)
	if err != nil {
		return nil, err
	}
	out["pkcs8"] = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	ck, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	if der, err = x509.MarshalECPrivateKey(ck); err != nil {
		return nil, err
	}
	out["ec"] = string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
	sb, err := ssh.MarshalPrivateKey(ek, "")
	if err != nil {
		return nil, err
	}
	out["openssh"] = string(pem.EncodeToMemory(sb))
	//lint:ignore SA1019 old-style encrypted PEM is what some keys still are
	enc, err := x509.EncryptPEMBlock(rand.Reader, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rk), []byte("pw"), x509.PEMCipherAES256) //nolint:staticcheck
	if err != nil {
		return nil, err
	}
	out["encrypted"] = string(pem.EncodeToMemory(enc))
	return out, nil
})

// truncate keeps the first n lines of a key.
func truncate(key string, n int) string {
	return strings.Join(strings.SplitN(key, "\n", n+1)[:n], "\n")
}

// indent puts a key in an indented code block.
func indent(key string) string {
	return "        " + strings.ReplaceAll(strings.TrimSpace(key), "\n", "\n        ")
}

// highlighted is text as a highlighted code block renders it: each line in spans.
func highlighted(text string) string {
	var b strings.Builder
	b.WriteString(`<pre tabindex="0" class="chroma"><code>`)
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		b.WriteString(`<span class="line"><span class="cl">` + l + "\n</span></span>")
	}
	b.WriteString("</code></pre>")
	return b.String()
}

// jsString is text as the search index holds it: in a JSON string.
func jsString(text string) string {
	b, _ := json.Marshal(map[string]string{"text": text})
	return "window.IRP_SEARCH_INDEX = [" + string(b) + "];"
}

// A real key is found whatever text is around it, and however short it
// is cut after one line of its body.
func FuzzKeysInText(f *testing.F) {
	f.Add([]byte("intro "), []byte(" outro"), uint16(0))
	f.Add([]byte("-----BEGIN RSA "+"PRIVATE KEY-----\n"), []byte("\n[Base64]"), uint16(100))
	f.Add([]byte("<pre><code>"), []byte("</code></pre>"), uint16(3))
	f.Fuzz(func(t *testing.T, before, after []byte, cut uint16) {
		ks := testKeys(t)
		for _, name := range []string{"rsa", "pkcs8", "openssh", "age"} {
			key := ks[name]
			if name != "age" {
				// Keep the BEGIN line and at least a line of the body.
				first := strings.IndexByte(key, '\n') + 1
				keep := first + 65 + int(cut)%(len(key)-first-64)
				key = key[:keep]
			}
			src := string(before) + "\n" + key + "\n" + string(after)
			if len(keys([]byte(src))) == 0 {
				t.Fatalf("%s key not found in %q", name, src)
			}
		}
	})
}

// Whatever keys finds is at a match of a key pattern, in a file that
// mayHoldKey lets through (so KeyWatch flags it).
func FuzzKeys(f *testing.F) {
	f.Add([]byte("-----BEGIN RSA " + "PRIVATE KEY-----\n[Base64 Encoded Private Key]\n-----END RSA PRIVATE KEY-----\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		at := keys(b)
		if len(at) > 0 && !mayHoldKey(b) {
			t.Fatalf("keys at %v in %q, which holds no key mark", at, b)
		}
		for _, i := range at {
			if i < 0 || i >= len(b) {
				t.Fatalf("key at %d of %d bytes", i, len(b))
			}
		}
	})
}
