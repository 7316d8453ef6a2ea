//go:build unix

package hub

import (
	"errors"
	"net"
	"syscall"
)

// rawConnOf returns the socket under conn for writes that must not block,
// or nil when there is none (then every write goes through a flush).
func rawConnOf(conn net.Conn) syscall.RawConn {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return nil
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	return raw
}

// writeNonBlocking writes as much of b as the socket takes now and returns
// how much that was. RawConn.Write holds the descriptor's write lock, so
// it never interleaves with another write on the connection.
func writeNonBlocking(raw syscall.RawConn, b []byte) (int, error) {
	n := 0
	var werr error
	err := raw.Write(func(fd uintptr) bool {
		for n < len(b) {
			k, err := syscall.Write(int(fd), b[n:])
			switch {
			case errors.Is(err, syscall.EINTR):
				continue
			case errors.Is(err, syscall.EAGAIN):
				return true // full: the rest is for a flush goroutine
			case err != nil:
				werr = err
				return true
			}
			n += k
		}
		return true
	})
	if err == nil {
		err = werr
	}
	return n, err
}
