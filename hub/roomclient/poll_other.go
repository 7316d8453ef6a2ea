//go:build !linux

package roomclient

import (
	"context"
	"errors"
	"net/http"
)

// Poller has no epoll here: NewPoller returns nil, and every connection is
// read by a goroutine of its own.
type Poller struct{}

// NewPoller returns nil: there is no epoll on this platform.
func NewPoller(int) (*Poller, error) { return nil, nil }

// Stop does nothing.
func (*Poller) Stop() {}

func (*Poller) dial(context.Context, string, http.Header, *Conn) error {
	return errors.New("roomclient: no Poller on this platform")
}
