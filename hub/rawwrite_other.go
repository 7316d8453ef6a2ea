//go:build !unix

package hub

import (
	"errors"
	"net"
	"syscall"
)

// rawConnOf has no non-blocking writes to offer here: every write goes
// through a flush goroutine.
func rawConnOf(net.Conn) syscall.RawConn { return nil }

func writeNonBlocking(syscall.RawConn, []byte) (int, error) {
	return 0, errors.New("hub: no non-blocking writes on this platform")
}
