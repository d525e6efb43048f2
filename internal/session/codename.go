package session

import (
	"crypto/rand"
	"errors"
	"io"
	"math/big"
)

// Codenames are adjective-bird pairs: memorable, and they say nothing about
// the scenario.
var (
	adjectives = []string{
		"amber", "ashen", "azure", "bold", "brisk", "calm", "cobalt", "coral", "crimson", "dusky",
		"eager", "fleet", "gentle", "golden", "hazel", "hushed", "ivory", "jade", "keen", "lively",
		"lucid", "mellow", "misty", "nimble", "ochre", "olive", "pale", "quiet", "rapid", "russet",
		"sable", "scarlet", "silver", "sleek", "slate", "steady", "swift", "tawny", "teal", "umber",
		"vivid", "wary", "willow", "wry", "zesty",
	}
	birds = []string{
		"avocet", "bittern", "bunting", "curlew", "dipper", "dunlin", "egret", "eider", "finch", "gannet",
		"godwit", "grebe", "heron", "hobby", "ibis", "jay", "kestrel", "kite", "lapwing", "linnet",
		"magpie", "martin", "merlin", "nightjar", "oriole", "osprey", "petrel", "pipit", "plover", "puffin",
		"quail", "redstart", "robin", "rook", "shrike", "siskin", "skua", "stilt", "swift", "teal",
		"tern", "thrush", "wagtail", "warbler", "wren",
	}
)

// NewCodename picks an adjective-bird codename from r (crypto/rand when nil)
// that taken does not reject.
func NewCodename(r io.Reader, taken func(string) bool) (string, error) {
	r = randOr(r)
	for tries := 0; tries < 1000; tries++ {
		a, err := pick(r, len(adjectives))
		if err != nil {
			return "", err
		}
		b, err := pick(r, len(birds))
		if err != nil {
			return "", err
		}
		if adjectives[a] == birds[b] {
			continue
		}
		name := adjectives[a] + "-" + birds[b]
		if taken == nil || !taken(name) {
			return name, nil
		}
	}
	return "", errNoCodename
}

var errNoCodename = errors.New("no free codename left after 1000 tries")

func pick(r io.Reader, n int) (int, error) {
	v, err := rand.Int(r, big.NewInt(int64(n)))
	if err != nil {
		return 0, err
	}
	return int(v.Int64()), nil
}

func randOr(r io.Reader) io.Reader {
	if r == nil {
		return rand.Reader
	}
	return r
}
