//go:build !unix

package hub

import (
	"errors"
	"net"
)

// socketOf has no non-blocking writes to offer here: every write goes
// through a flush goroutine.
func socketOf(net.Conn) int { return -1 }

func writeNonBlocking(int, []byte) (int, error) {
	return 0, errors.New("hub: no non-blocking writes on this platform")
}
