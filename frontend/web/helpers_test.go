package web_test

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/igfplus/igfplus/frontend/auth"
)

func newRegistry() *prometheus.Registry { return prometheus.NewRegistry() }

// platformTokens issues and checks the platform's tokens under a key of
// the test's own.
func platformTokens(t *testing.T) *auth.Tokens {
	t.Helper()
	key, err := auth.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: auth.NewKeys(key), Issuer: auth.PlatformIssuer, Audience: auth.PlatformAudience})
	if err != nil {
		t.Fatal(err)
	}
	return tokens
}
