//go:build unix

package hub

import (
	"errors"
	"net"
	"syscall"
)

// socketOf returns the descriptor of the plain TCP socket under conn, for
// writes that must not block, or -1 when there is none (a TLS connection,
// say: then every write goes through a flush).
//
// The fanout writes to the descriptor directly, not through
// RawConn.Write, whose locking and poller bookkeeping cost about a tenth
// of the server's CPU in a big room. That is safe because the descriptor
// cannot be closed, and so reused, under the write: a connection is closed
// only by the writer that holds its schedule (fail, finish), and the
// fanout writes only while it holds that schedule itself.
func socketOf(conn net.Conn) int {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return -1
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return -1
	}
	fd := -1
	if err := raw.Control(func(s uintptr) { fd = int(s) }); err != nil {
		return -1
	}
	return fd
}

// writeNonBlocking writes as much of b as the socket takes now and returns
// how much that was. The descriptor is non-blocking (Go opens sockets so).
func writeNonBlocking(fd int, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		k, err := writeOnce(fd, b[n:])
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EAGAIN):
			return n, nil // full: the rest is for a flush goroutine
		case err != nil:
			return n, err
		}
		n += k
	}
	return n, nil
}
