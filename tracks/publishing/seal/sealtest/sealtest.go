// Package sealtest gives tests secrets keys and sealers (package seal)
// without the checks a configured key goes through.
package sealtest

import (
	"bytes"
	"testing"

	"github.com/igfplus/igfplus/tracks/publishing/seal"
)

// Key is a key of seal.KeySize bytes, each b: a test names its keys by
// one byte, and two tests' keys are the same when their bytes are.
func Key(b byte) []byte { return bytes.Repeat([]byte{b}, seal.KeySize) }

// New is seal.New(current, old...) for a test, which fails when the keys
// are refused.
func New(tb testing.TB, current []byte, old ...[]byte) *seal.Sealer {
	tb.Helper()
	s, err := seal.New(current, old...)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
