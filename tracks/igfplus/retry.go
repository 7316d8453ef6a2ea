package igfplus

import (
	"errors"
	"time"
)

// retryError is a domain error that also says when trying again may work:
// a budget refills, a queue drains.
type retryError struct {
	err   *Error
	after time.Duration
}

func (e *retryError) Error() string { return e.err.Error() }
func (e *retryError) Unwrap() error { return e.err }

// RetryLater returns err carrying after, the wait before another attempt
// may succeed (at least one second: clients read it in whole seconds).
// ErrorCode and ErrorMessage still read err.
func RetryLater(err *Error, after time.Duration) error {
	return &retryError{err: err, after: max(after, time.Second)}
}

// RetryAfter returns the wait that RetryLater put on err's chain, if any.
func RetryAfter(err error) (time.Duration, bool) {
	var r *retryError
	if errors.As(err, &r) {
		return r.after, true
	}
	return 0, false
}
