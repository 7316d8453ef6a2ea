package main

import (
	"os"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	redistest.Stop()
	os.Exit(code)
}
