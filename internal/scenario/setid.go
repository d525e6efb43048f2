package scenario

import (
	"bytes"
	"errors"
	"regexp"
	"sync"

	"irp/internal/doc"
)

var (
	yamlID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^id:.*$`) })
	tomlID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^id\s*=.*$`) })
)

// SetID returns src with the id field of its front matter set to id
// (rewritten, or added after the opening line), the rest untouched.
func SetID(name string, src []byte, id string) ([]byte, error) {
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
		return nil, errors.New("no front matter to put the id in")
	}
	if re.Match(fm) {
		fm = re.ReplaceAll(fm, []byte(line))
	} else {
		nl := bytes.IndexByte(fm, '\n') + 1
		fm = append(append(append([]byte{}, fm[:nl]...), line+"\n"...), fm[nl:]...)
	}
	return append(fm, body...), nil
}
