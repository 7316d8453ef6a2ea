package testenv

import (
	"context"
	"os"
	"sync"
)

// Shared is a server that every test of a binary shares (starting one per
// test would cost up to a second each): started on first use in a
// temporary folder of its own, and stopped, its folder removed, by Stop
// once the tests are done (Main's stops).
type Shared[S interface{ Stop() error }] struct {
	// Name names the temporary folder (igfplus-<Name>-…).
	Name string
	// Start starts the server in dir; when it fails it leaves nothing
	// running.
	Start func(ctx context.Context, dir string) (S, error)

	once   sync.Once
	server S
	dir    string
	err    error
}

// Get returns the server, starting it on first use. A start that failed
// is not tried again: every test gets its error.
func (s *Shared[S]) Get() (S, error) {
	s.once.Do(func() {
		if s.dir, s.err = os.MkdirTemp("", "igfplus-"+s.Name+"-"); s.err != nil {
			return
		}
		s.server, s.err = s.Start(context.Background(), s.dir)
	})
	return s.server, s.err
}

// Stop stops the server if one was started, and removes its folder.
func (s *Shared[S]) Stop() {
	if s.dir == "" {
		return
	}
	if s.err == nil {
		s.server.Stop()
	}
	os.RemoveAll(s.dir)
}
