package faultrun

import (
	"testing"

	"github.com/igfplus/igfplus/cmd/igfplus/igftest"
	"github.com/igfplus/igfplus/deploy/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m, igftest.Remove) }
