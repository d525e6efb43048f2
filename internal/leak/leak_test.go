package leak

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"irp/internal/scenario"
)

const resolution = "The registrar in the storage zone was disabled, so ZooKeeper dropped its DNS record and the front door stopped sending writes there."

func scenarios(t *testing.T) map[string]*scenario.Scenario {
	t.Helper()
	src := strings.Replace(string(scenario.Template("amber-heron")), "The cause, how to find it, and the fix.", resolution, 1)
	s, err := scenario.Parse("amber-heron.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*scenario.Scenario{"amber-heron": s}
}

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCheckFindsRewordedPassage(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "guide/clean.md", "# Clean\n\nThe registrar keeps a zone's DNS record in ZooKeeper.\nNothing sealed here.\n")
	// Same words, changed case, whitespace, punctuation and line breaks.
	leaky := write(t, dir, "guide/leaky.md", "# Notes\n\nintro line\n\nwe found that THE REGISTRAR in the\n   storage-zone was DISABLED; so\nzookeeper dropped its dns record!\n")
	got, err := Check(scenarios(t), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("findings = %+v", got)
	}
	f := got[0]
	if f.File != leaky || f.Line != 5 || f.Scenario != "amber-heron" || f.Section != "Resolution" || f.Kind != SealedText {
		t.Errorf("finding = %+v", f)
	}
}

func TestCheckSeesThroughHTMLAndJS(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "page/index.html", "<html><body>\n<p>The <em>registrar</em> in the storage zone was\n<a href=\"#\">disabled</a>, so ZooKeeper</p>\n</body></html>\n")
	write(t, dir, "search-index.js", `window.IDX={"t":"the registrar in the storage zone\nwas disabled, so zookeeper dropped its"};`+"\n")
	write(t, dir, "entities.html", "<p>the registrar in the storage zone was disabled&#44; so zookeeper</p>\n")
	got, err := Check(scenarios(t), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("findings = %+v", got)
	}
	for _, f := range got {
		if f.Scenario != "amber-heron" {
			t.Errorf("finding %+v", f)
		}
	}
}

func TestCheckShortOverlapIsFine(t *testing.T) {
	dir := t.TempDir()
	// Seven words in a row from the resolution: below the threshold.
	write(t, dir, "a.md", "the registrar in the storage zone was busy\n")
	got, err := Check(scenarios(t), []string{dir})
	if err != nil || len(got) != 0 {
		t.Fatalf("findings = %+v, %v", got, err)
	}
}

// Fake keys for the tests, put together at run time so that secret
// scanners reading the source do not take them for real ones.
const (
	fakeAgeKey  = "AGE-SECRET-KEY-" + "1QQPZRY9X8GF2TVDW0S3JN54KHCE6MUA7LQPZRY9X8GF2TVDW0S3JN54KHC"
	fakeSSHHead = "-----BEGIN OPENSSH " + "PRIVATE KEY-----"
)

func TestCheckPrivateKeys(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "tools/age.md", "Keys look like `AGE-SECRET-KEY-"+"1…`; never paste one.\n")
	k := write(t, dir, "oops.md", "line\n"+fakeAgeKey+"\n")
	s := write(t, dir, "out/id.txt", testKeys(t)["openssh"])
	write(t, dir, "img.png", "\x89PNG\x00\x00"+fakeAgeKey)
	got, err := Check(nil, []string{dir, filepath.Join(dir, "missing")})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].File != k || got[0].Line != 2 || got[1].File != s || got[1].Line != 1 || got[1].Kind != PrivateKey {
		t.Fatalf("findings = %+v", got)
	}
}

// Every kind of key is found, whole or cut short, in Markdown, HTML and
// the search index, in files scanned in parallel, and reported in path
// order.
func TestCheckPrivateKeyKinds(t *testing.T) {
	dir := t.TempDir()
	gen := testKeys(t)
	kinds := []string{
		fakeAgeKey,
		gen["age"],
		gen["age-pq"],
		"AGE-PLUGIN-YUBIKEY-" + "1" + strings.Repeat("QPZRY9X8GF", 3),
		gen["rsa"],
		gen["pkcs8"],
		gen["ec"],
		gen["openssh"],
		gen["encrypted"],
		truncate(gen["rsa"], 2),     // the BEGIN line and one line of the body
		truncate(gen["openssh"], 2), // the same, in the OpenSSH format
		indent(gen["pkcs8"]),        // in an indented code block (the operator guide's shape)
		"> " + strings.ReplaceAll(strings.TrimSpace(gen["ec"]), "\n", "\n> "),                      // in a quote
		"key := \"" + strings.ReplaceAll(strings.TrimSpace(gen["rsa"]), "\n", "\" +\n\t\"") + "\"", // in code
		highlighted(gen["ec"]), // rendered, each line in highlighting spans
		jsString(gen["rsa"]),   // in a JSON string
		jsString(strings.Join(strings.Fields(gen["openssh"]), " ")), // in the search index, its lines made spaces
	}
	var want []string
	for i, k := range kinds {
		want = append(want, write(t, dir, fmt.Sprintf("k%02d.txt", i), "x\n"+k+"\n"))
		for j := range 20 { // clean files in between
			write(t, dir, fmt.Sprintf("k%02d-%02d.txt", i, j), "AGE-SECRET-KEY-"+"1 is how a key starts.\n")
		}
	}
	got, err := Check(nil, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("found %d keys, want %d: %+v", len(got), len(want), got)
	}
	for i, f := range got {
		if f.File != want[i] || f.Line != 2 || f.Kind != PrivateKey {
			t.Errorf("finding %d = %+v, want %s:2", i, f, want[i])
		}
	}
}

// The shape of a key file, as documentation shows it, is no key: a BEGIN
// line with a placeholder, an elided body, a body of one repeated letter.
func TestKeyTemplatesAreNoKeys(t *testing.T) {
	begin, end := "-----BEGIN RSA "+"PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----"
	// The Manta operator guide's PEM file for the load balancers.
	guide := "   format:\n\n        " + begin + "\n        [Base64 Encoded Private Key]\n        " + end +
		"\n        -----BEGIN CERTIFICATE-----\n        [Base64 Encoded Certificate]\n        -----END CERTIFICATE-----\n"
	for name, text := range map[string]string{
		"operator guide":   guide,
		"rendered":         highlighted(guide),
		"search index":     jsString(guide),
		"elided body":      begin + "\nMIIEpAIBAAKCAQEA...\n" + end,
		"ellipsis":         begin + "\n…\n" + end,
		"placeholder body": begin + "\n" + strings.Repeat("X", 64) + "\n" + strings.Repeat("X", 64) + "\n" + end,
		"words":            begin + "\nyour key here\n" + end,
		"long words":       begin + "\npaste the contents of your private key file here between these two lines and keep them\n" + end,
		"flattened":        strings.Join(strings.Fields(guide), " "),
		"prose":            "A key file starts with " + begin + " and ends with " + end + ".",
		"marks only":       "-----BEGIN OPENSSH " + "PRIVATE KEY-----\n-----END OPENSSH PRIVATE KEY-----\n-----BEGIN " + "PRIVATE KEY-----",
		"age placeholder":  "AGE-SECRET-KEY-" + "1" + strings.Repeat("X", 58),
	} {
		if at := keys([]byte(text)); len(at) != 0 {
			t.Errorf("%s: a key at %v in %q", name, at, text)
		}
	}
}

// The literal marks that let a file skip the key regexps are in every
// match of them.
func FuzzKeyMarks(f *testing.F) {
	f.Add([]byte(fakeAgeKey))
	f.Add([]byte(fakeSSHHead))
	f.Add([]byte("AGE-PLUGIN-X-1QPZRY9X8GF2TVDW0S3JN54"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, re := range keyPatterns() {
			if m := re.Find(b); m != nil && !mayHoldKey(m) {
				t.Fatalf("%s matches %q, which holds no key mark", re, m)
			}
		}
	})
}

func FuzzWords(f *testing.F) {
	f.Add([]byte("a\\u0041b \\n c\n<p>x</p>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		line := 1
		for _, w := range words(b, true) {
			if w.text == "" || w.line < line {
				t.Fatalf("bad word %+v", w)
			}
			line = w.line
		}
		_ = stripTags(b)
	})
}

// A line of prose and the command under it are two blocks: the words at
// the end of one and the start of the other are no passage, even when a
// sealed sentence runs on from the same words into the same command.
func TestCheckPassagesStayInTheirBlock(t *testing.T) {
	src := strings.Replace(string(scenario.Template("tin-meadow")), "The cause, how to find it, and the fix.",
		"List the shard's moray zones (`manta-adm show -o service,shard,zonename moray`) and restart them.", 1)
	s, err := scenario.Parse("tin-meadow.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	sealed := map[string]*scenario.Scenario{"tin-meadow": s}
	dir := t.TempDir()
	write(t, dir, "tools/mlocate.md", "Turn the shard into moray and postgres zones.\n\n```sh\nmanta-adm show -o service,shard,zonename,primary_ip moray\n```\n")
	write(t, dir, "tools/mlocate/index.html", "<p>Turn the shard into moray and postgres zones.</p>\n<pre><code>manta-adm show -o service,shard,zonename,primary_ip moray</code></pre>\n")
	write(t, dir, "search-index.js", `window.I={"t":"Turn the shard into moray and postgres zones.\u2029manta-adm show -o service,shard,zonename,primary_ip moray"};`+"\n")
	got, err := Check(sealed, []string{dir})
	if err != nil || len(got) != 0 {
		t.Fatalf("findings = %+v, %v", got, err)
	}
	// The same passage inside one block is still found, in every form.
	write(t, dir, "guide/notes.md", "We listed the shard's moray zones with\nmanta-adm show -o service,shard,zonename moray, then\n")
	write(t, dir, "guide/notes/index.html", "<li>list the shard&#39;s <code>moray</code> zones (<code>manta-adm show -o service,shard,zonename moray</code>)</li>\n")
	write(t, dir, "index.js", `{"t":"list the shard's moray zones (manta-adm show -o service,shard,zonename moray)\u2029next"}`+"\n")
	got, err = Check(sealed, []string{dir})
	if err != nil || len(got) != 3 {
		t.Fatalf("findings = %+v, %v", got, err)
	}
}

// Line breaks are ignored, blank ones too: a sealed sentence split into two
// paragraphs (in Markdown, in HTML, in the search index) is still found.
func TestCheckSeesAcrossParagraphs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "guide/split.md", "The registrar in the storage zone\n\nwas disabled, so ZooKeeper dropped it.\n")
	write(t, dir, "guide/split/index.html", "<p>The registrar in the storage zone</p>\n<p>was disabled, so ZooKeeper</p>\n")
	write(t, dir, "list.html", "<ul><li>the registrar in the storage</li><li>zone was disabled</li></ul>\n")
	got, err := Check(scenarios(t), []string{dir})
	if err != nil || len(got) != 3 {
		t.Fatalf("findings = %+v, %v", got, err)
	}
}

// A key is seen however its file is cut into writes; a file without one
// is not flagged.
func TestKeyWatch(t *testing.T) {
	for _, text := range []string{"intro\n" + fakeAgeKey + "\nend", "x " + fakeSSHHead, "AGE-PLUGIN-YUBIKEY-1QPZRY9X8GF2TVDW0S3JN54KHC"} {
		for size := 1; size <= len(text); size++ {
			var w KeyWatch
			for i := 0; i < len(text); i += size {
				w.Write([]byte(text[i:min(i+size, len(text))]))
			}
			if !w.Hit() {
				t.Fatalf("writes of %d bytes: key in %q not seen", size, text)
			}
		}
	}
	var w KeyWatch
	for _, chunk := range []string{"AGE-SECRET", "-KE", "Y-", "1QPZ"} {
		w.Write([]byte(chunk))
	}
	if !w.Hit() {
		t.Error("AGE-SECRET-KEY- split in three writes not seen")
	}
	var clean KeyWatch
	for _, chunk := range []string{"<p>AGE-SECRET", "-KEY is how a key starts; ", "a PRIVATE KEY", " has dashes</p>", strings.Repeat("x", 100)} {
		clean.Write([]byte(chunk))
	}
	if clean.Hit() {
		t.Error("a page without a key mark was flagged")
	}
}

// Written in any pieces, a file is flagged exactly when it holds a key mark.
func FuzzKeyWatch(f *testing.F) {
	f.Add([]byte("x "+fakeAgeKey), uint8(3))
	f.Add([]byte(fakeSSHHead), uint8(1))
	f.Add([]byte("AGE-PLUGIN-"), uint8(5))
	f.Fuzz(func(t *testing.T, b []byte, size uint8) {
		n := int(size%32) + 1
		var w KeyWatch
		for i := 0; i < len(b); i += n {
			w.Write(b[i:min(i+n, len(b))])
		}
		if w.Hit() != mayHoldKey(b) {
			t.Fatalf("writes of %d: Hit %v, whole file %v", n, w.Hit(), mayHoldKey(b))
		}
	})
}

// TestCheckIgnoresURLs: a page citing the same pinned source file as a
// scenario gives nothing away, however many words the URL has; the
// scenario's prose around it is still found.
func TestCheckIgnoresURLs(t *testing.T) {
	const url = "https://github.com/TritonDataCenter/manta-muskie/blob/7447144cd0edd9ecd50f737dab1f55285e83238c/sapi_manifests/muskie/template#L27"
	src := strings.Replace(string(scenario.Template("ash-compass")), "The cause, how to find it, and the fix.",
		"See [the template]("+url+") and "+url+" for the limit; the clock of one webapi zone drifted far past it.", 1)
	s, err := scenario.Parse("ash-compass.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	sc := map[string]*scenario.Scenario{"ash-compass": s}
	dir := t.TempDir()
	write(t, dir, "tools/muskie.md", "# Muskie\n\nIts limits live in [the SAPI template]("+url+").\n\n<a href=\""+url+"\">"+url+"</a>\n")
	if got, err := Check(sc, []string{dir}); err != nil || len(got) != 0 {
		t.Fatalf("a cited URL: findings %+v, %v; want none", got, err)
	}
	write(t, dir, "guide/notes.md", "# Notes\n\nthe clock of one webapi zone drifted far past it\n")
	got, err := Check(sc, []string{dir})
	if err != nil || len(got) != 1 || got[0].Scenario != "ash-compass" {
		t.Fatalf("sealed prose: findings %+v, %v; want one", got, err)
	}
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"https://a.b/c d", 13}, {"HTTP://x)", 8}, {"http:/x", 0}, {"hello", 0}, {"https://", 8},
	} {
		if got := urlLen([]byte(tc.in)); got != tc.want {
			t.Errorf("urlLen(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
