package serveproc_test

import (
	"slices"
	"testing"

	"github.com/igfplus/igfplus/cmd/igfplus/serveproc"
)

func TestWithoutEnvDropsOnlyTheNamedVariables(t *testing.T) {
	env := []string{"DATABASE_URL=postgres://x", "DATABASE_URL_EXTRA=kept", "HOME=/root", "REDIS_URL="}
	got := serveproc.WithoutEnv(env, "DATABASE_URL", "REDIS_URL")
	if want := []string{"DATABASE_URL_EXTRA=kept", "HOME=/root"}; !slices.Equal(got, want) {
		t.Errorf("WithoutEnv = %q, want %q", got, want)
	}
	if env[0] != "DATABASE_URL=postgres://x" {
		t.Error("WithoutEnv changed the environment it was given")
	}
}

func TestTheReadyLineCarriesTheURL(t *testing.T) {
	if u, ok := serveproc.URLOf(serveproc.ReadyLine("http://127.0.0.1:8080")); !ok || u != "http://127.0.0.1:8080" {
		t.Errorf("URLOf(ReadyLine) = %q, %v", u, ok)
	}
	if _, ok := serveproc.URLOf("IGF Plus is starting"); ok {
		t.Error("URLOf read a URL from another line")
	}
}
