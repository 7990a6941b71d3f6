package storage

import (
	"bytes"
	"net"
	"os"
	"sync"
	"time"
)

// bufferedConn is the client end of the in-process pipe to the embedded
// miniredis, its incoming side read eagerly into memory as a real Redis
// server's output buffer would hold it. net.Pipe has no buffer: a pipeline
// bigger than what miniredis reads ahead deadlocked — go-redis still
// writing the batch, miniredis blocked writing a reply nobody read yet.
// Read deadlines are kept here (the pump reads the pipe without any).
type bufferedConn struct {
	net.Conn
	mu       sync.Mutex
	ready    *sync.Cond
	buf      bytes.Buffer
	err      error // the pipe's, once it ended
	deadline time.Time
}

func newBufferedConn(c net.Conn) *bufferedConn {
	b := &bufferedConn{Conn: c}
	b.ready = sync.NewCond(&b.mu)
	go b.pump()
	return b
}

// pump moves what miniredis writes into buf until the pipe ends.
func (b *bufferedConn) pump() {
	p := make([]byte, 32<<10)
	for {
		n, err := b.Conn.Read(p)
		b.mu.Lock()
		b.buf.Write(p[:n])
		if err != nil {
			b.err = err
		}
		b.ready.Broadcast()
		b.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// Read reads what was received, waiting for some until the read deadline.
func (b *bufferedConn) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.buf.Len() == 0 && b.err == nil {
		if b.deadline.IsZero() {
			b.ready.Wait()
			continue
		}
		d := time.Until(b.deadline)
		if d <= 0 {
			return 0, os.ErrDeadlineExceeded
		}
		wake := time.AfterFunc(d, func() {
			b.mu.Lock()
			b.ready.Broadcast()
			b.mu.Unlock()
		})
		b.ready.Wait()
		wake.Stop()
	}
	if b.buf.Len() > 0 {
		return b.buf.Read(p)
	}
	return 0, b.err
}

// SetReadDeadline sets the deadline Read keeps.
func (b *bufferedConn) SetReadDeadline(t time.Time) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.deadline = t
	b.ready.Broadcast()
	return nil
}

// SetDeadline sets the read deadline here and the write deadline on the
// pipe.
func (b *bufferedConn) SetDeadline(t time.Time) error {
	b.SetReadDeadline(t)
	return b.Conn.SetWriteDeadline(t)
}
