package main

import (
	"os"
	"testing"

	"github.com/igfplus/igfplus/cmd/igfplus/igftest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	redistest.Stop()
	os.Exit(code)
}

// binary is the igfplus binary, built once for the bench and fault-run
// tests.
func binary(t *testing.T) string { return igftest.Binary(t) }
