//go:build !linux

package main

import (
	"context"
	"errors"
)

// wsPoller has no epoll here: newWSPoller returns nil, and every client
// is read by a goroutine of its own.
type wsPoller struct{}

func newWSPoller(int) (*wsPoller, error) { return nil, nil }

func (*wsPoller) dial(context.Context, string, string, *benchClient) error {
	return errors.New("no poller on this platform")
}

func (*wsPoller) stop() {}
