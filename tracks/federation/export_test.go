package federation

import "time"

// SetNow sets the service's clock, for tests.
func SetNow(s *Service, now func() time.Time) { s.now = now }
