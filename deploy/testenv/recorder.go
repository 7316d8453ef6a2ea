package testenv

import (
	"fmt"
	"sync"
	"testing"
)

// Recorder is a testing.TB that keeps the errors reported to it instead of
// failing, for the tests of a checker (that it reports what it must, and
// nothing else). What it does not stand in for goes to TB, which may be
// nil when the checker calls only Helper and Errorf.
type Recorder struct {
	testing.TB

	mu     sync.Mutex
	errors []string
}

// Helper does nothing: the recorded errors name no line.
func (r *Recorder) Helper() {}

// Errorf records the error.
func (r *Recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// Errors are the errors recorded so far, in order.
func (r *Recorder) Errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errors...)
}
