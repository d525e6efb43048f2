package engine

import (
	"context"
	"io"
	"os"
	"syscall"

	"irp/internal/buildproto"
)

// Staged is an `irp-site build --hold` in progress: the site is rendered
// into a staging directory and published only on irp's word (the protocol
// is internal/buildproto).
type Staged struct {
	proc    *Proc
	verdict *os.File             // irp-site's stdin
	out     *buildproto.Listener // irp-site's stdout
	exited  chan struct{}        // closed when irp-site has exited, with code and err set
	code    int
	err     error
}

// StartStaged starts irp-site with args (which hold --hold); its output,
// less the protocol's lines, goes to stdout and stderr.
func StartStaged(args []string, stdout, stderr io.Writer) (*Staged, error) {
	in, verdict, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	b := &Staged{verdict: verdict, out: buildproto.NewListener(stdout), exited: make(chan struct{})}
	proc, err := Start(context.Background(), "", args, Streams{Stdin: in, Stdout: b.out, Stderr: stderr})
	in.Close() // irp-site has its own copy
	if err != nil {
		verdict.Close()
		return nil, err
	}
	b.proc = proc
	go func() {
		b.code, b.err = proc.Wait()
		b.out.Close()
		close(b.exited)
	}()
	return b, nil
}

// Wait waits for the staged site; ok is false when irp-site exited
// without one (it said why on stderr).
func (b *Staged) Wait() (buildproto.Announcement, bool) { return b.out.Wait() }

// Finish tells irp-site to publish the staged site or to delete it, and
// returns irp-site's exit code. A build that is not to be published is
// stopped at once (SIGTERM makes irp-site delete what it staged), not
// rendered to the end.
func (b *Staged) Finish(publish bool) (code int, err error) {
	if publish {
		_ = buildproto.SendPublish(b.verdict)
	} else {
		_ = b.proc.Signal(syscall.SIGTERM)
	}
	b.verdict.Close()
	<-b.exited
	return b.code, b.err
}
