package main

import (
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/deploy/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m, pgtest.Stop, redistest.Stop) }
