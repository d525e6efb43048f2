// Package buildproto is what irp and irp-site say to each other when irp
// build runs a staged build, `irp-site build --hold`. Both ends live here.
//
// irp-site renders the site into a staging directory beside the publish
// directory, then writes these lines on its stdout, in this order:
//
//	suspect PATH   a staged file that may hold a private key (zero or more)
//	staged DIR     where the staged site is (exactly one, last)
//
// and reads one line on its stdin, the verdict:
//
//	publish        move the staged site into place, then exit 0
//
// Any other line, the end of its stdin (irp died), SIGINT or SIGTERM makes
// irp-site delete the staged site and exit 1. Other lines irp-site writes
// on stdout before "staged" are its own output, which irp passes on; so is
// everything after it.
//
// irp-site writes each error on stderr as one line "irp: <verb>: <why>";
// irp, running a build as a step of something else, may show them under
// its own name with Relabel.
package buildproto

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
)

// The words of the protocol.
const (
	Suspect = "suspect" // irp-site → irp: "suspect PATH"
	Staged  = "staged"  // irp-site → irp: "staged DIR"
	Publish = "publish" // irp → irp-site: the verdict that publishes
)

// Announce is irp-site's side: it names the suspect files and then the
// staged directory.
func Announce(w io.Writer, staged string, suspects []string) error {
	var b bytes.Buffer
	for _, p := range suspects {
		fmt.Fprintf(&b, "%s %s\n", Suspect, p)
	}
	fmt.Fprintf(&b, "%s %s\n", Staged, staged)
	_, err := w.Write(b.Bytes())
	return err
}

// Verdict is irp-site's side: it reads irp's verdict and reports whether
// it is to publish.
func Verdict(r io.Reader) bool {
	line, _ := bufio.NewReader(r).ReadString('\n')
	return strings.TrimSpace(line) == Publish
}

// SendPublish is irp's side of the verdict that publishes; to discard, irp
// closes irp-site's stdin (or sends SIGTERM) instead.
func SendPublish(w io.Writer) error {
	_, err := io.WriteString(w, Publish+"\n")
	return err
}

// Announcement is what irp-site said about its staged build.
type Announcement struct {
	Dir      string   // the staged site
	Suspects []string // the staged files that may hold a private key
}

// Listener is irp's side of irp-site's stdout: it takes the protocol's
// lines out, however they are split across writes, and passes the rest on
// to Next.
type Listener struct {
	Next io.Writer

	mu      sync.Mutex
	partial []byte
	ann     Announcement
	staged  bool
	done    chan struct{}
	once    sync.Once
}

// NewListener passes what is not the protocol on to next.
func NewListener(next io.Writer) *Listener {
	return &Listener{Next: next, done: make(chan struct{})}
}

// Write reads the lines in b; it always consumes all of b.
func (l *Listener) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.staged {
		return l.Next.Write(b)
	}
	l.partial = append(l.partial, b...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			return len(b), nil
		}
		line := string(l.partial[:i])
		l.partial = l.partial[i+1:]
		if p, ok := strings.CutPrefix(line, Suspect+" "); ok {
			l.ann.Suspects = append(l.ann.Suspects, p)
			continue
		}
		if dir, ok := strings.CutPrefix(line, Staged+" "); ok {
			l.ann.Dir, l.staged = dir, true
			l.once.Do(func() { close(l.done) })
			rest := l.partial
			l.partial = nil
			if len(rest) > 0 {
				if _, err := l.Next.Write(rest); err != nil {
					return len(b), err
				}
			}
			return len(b), nil
		}
		if _, err := fmt.Fprintln(l.Next, line); err != nil {
			return len(b), err
		}
	}
}

// Close says irp-site's stdout has ended (it exited, or died): a last line
// without a newline is passed on, and Wait stops waiting.
func (l *Listener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var err error
	if len(l.partial) > 0 {
		_, err = l.Next.Write(l.partial)
		l.partial = nil
	}
	l.once.Do(func() { close(l.done) })
	return err
}

// Wait waits until irp-site has announced its staged build, or its stdout
// has ended without one (ok is false: it failed, and said why on stderr).
func (l *Listener) Wait() (a Announcement, ok bool) {
	<-l.done
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ann, l.staged
}

// Relabel returns a writer that passes irp-site's stderr on to w, with the
// error lines "irp: <verb>: <why>" shown as "irp: <as>: <why>". Call Flush
// after the last write.
func Relabel(w io.Writer, verb, as string) *Relabeler {
	return &Relabeler{w: w, from: []byte("irp: " + verb + ": "), to: []byte("irp: " + as + ": ")}
}

// Relabeler is the writer Relabel returns.
type Relabeler struct {
	w        io.Writer
	from, to []byte
	partial  []byte
}

func (r *Relabeler) Write(b []byte) (int, error) {
	r.partial = append(r.partial, b...)
	for {
		i := bytes.IndexByte(r.partial, '\n')
		if i < 0 {
			return len(b), nil
		}
		if err := r.line(r.partial[:i+1]); err != nil {
			return len(b), err
		}
		r.partial = r.partial[i+1:]
	}
}

// Flush writes a last line that has no newline.
func (r *Relabeler) Flush() error {
	if len(r.partial) == 0 {
		return nil
	}
	err := r.line(r.partial)
	r.partial = nil
	return err
}

func (r *Relabeler) line(l []byte) error {
	if rest, ok := bytes.CutPrefix(l, r.from); ok {
		l = append(append([]byte{}, r.to...), rest...)
	}
	_, err := r.w.Write(l)
	return err
}
