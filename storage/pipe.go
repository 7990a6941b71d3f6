package storage

import (
	"net"
	"sync"
	"time"
)

// pipeConn is an in-process connection to the embedded Redis whose writes
// never wait for the server to read them. The connection miniredis dials
// in-process is a net.Pipe, which is unbuffered: a pipelined batch longer
// than the server's read buffer deadlocked — the server, having read the
// first commands, blocked writing their answers, which the client would
// read only once it had written the rest (TestEmbeddedLongPipeline). Here
// a goroutine feeds the pipe from a buffer, so the client goes on to read.
type pipeConn struct {
	net.Conn
	mu     sync.Mutex
	more   *sync.Cond
	buf    []byte
	closed bool
	err    error
}

// newPipeConn wraps c and starts the goroutine that writes to it.
func newPipeConn(c net.Conn) *pipeConn {
	p := &pipeConn{Conn: c}
	p.more = sync.NewCond(&p.mu)
	go p.pump()
	return p
}

// Write queues b for the server and returns at once.
func (p *pipeConn) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.err != nil:
		return 0, p.err
	case p.closed:
		return 0, net.ErrClosed
	}
	p.buf = append(p.buf, b...)
	p.more.Signal()
	return len(b), nil
}

// SetWriteDeadline does nothing: writes no longer wait (a read waits, and
// keeps its deadline).
func (p *pipeConn) SetWriteDeadline(time.Time) error { return nil }

// SetDeadline sets the read deadline only (see SetWriteDeadline).
func (p *pipeConn) SetDeadline(t time.Time) error { return p.Conn.SetReadDeadline(t) }

// Close closes the pipe; what was queued and not written is dropped.
func (p *pipeConn) Close() error {
	p.mu.Lock()
	p.closed = true
	p.more.Signal()
	p.mu.Unlock()
	return p.Conn.Close()
}

// pump writes what was queued, in order, until the connection closes.
func (p *pipeConn) pump() {
	for {
		p.mu.Lock()
		for len(p.buf) == 0 && !p.closed {
			p.more.Wait()
		}
		if p.closed {
			p.mu.Unlock()
			return
		}
		b := p.buf
		p.buf = nil
		p.mu.Unlock()
		if _, err := p.Conn.Write(b); err != nil {
			p.mu.Lock()
			p.err = err
			p.mu.Unlock()
			return
		}
	}
}
