package web_test

import (
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/deploy/testenv"
)

// TestMain stops the harness's PostgreSQL and Redis (the sign-in budgets'
// store) after the tests.
func TestMain(m *testing.M) { testenv.Main(m, pgtest.Stop, redistest.Stop) }
