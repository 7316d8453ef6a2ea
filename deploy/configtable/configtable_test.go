package configtable

import "testing"

func TestVariablesReadsTheEnvironmentColumnOnly(t *testing.T) {
	readme := []byte("# x\n\n| flag | environment | default | meaning |\n|---|---|---|---|\n" +
		"| `--addr` | `IGFPLUS_ADDR` | `127.0.0.1:8080` | where |\n| `--database-url` | `DATABASE_URL` | (empty) | db |\n\nAfter.\n| a | `NOT_THIS` |\n")
	got, err := Variables(readme)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got["IGFPLUS_ADDR"] || !got["DATABASE_URL"] || got["NOT_THIS"] {
		t.Fatalf("Variables = %v", got)
	}
	if _, err := Variables([]byte("no table")); err == nil {
		t.Fatal("a README without the table was accepted")
	}
}

func TestTheRealREADMEListsTheCoreVariables(t *testing.T) {
	got, err := FromFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"IGFPLUS_ADDR", "DATABASE_URL", "REDIS_URL", "IGFPLUS_TOKEN_KEY", "IGFPLUS_BALLOT_KEY"} {
		if !got[v] {
			t.Errorf("README's configuration table lacks %s", v)
		}
	}
}
