package keyfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Processes starting together agree on one key, and a key that others may
// read is refused.
func TestOneKeyForEveryoneStartingAtOnceAndNoneThatOthersMayRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "the.key")
	got := make([]string, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := LoadOrCreate(path, func() (string, error) { return fmt.Sprint("key-", i), nil })
			if err != nil {
				t.Error(err)
			}
			got[i] = s
		}()
	}
	wg.Wait()
	for _, s := range got {
		if s != got[0] || !strings.HasPrefix(s, "key-") {
			t.Fatalf("keys %q: want one", got)
		}
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreate(path, nil); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a key others may read: %v", err)
	}
}

func TestWithin(t *testing.T) {
	for _, c := range []struct {
		dir, path string
		want      bool
	}{
		{"/data", "/data/ballot.key", true}, {"/data", "/data", true}, {"/data", "/data/../home/ballot.key", false},
		{"/data", "/database/ballot.key", false}, {"data", "data/keys/k", true}, {"/data", "/home/me/.config/igfplus/ballot.key", false},
	} {
		if got := Within(c.dir, c.path); got != c.want {
			t.Errorf("Within(%q, %q) = %v", c.dir, c.path, got)
		}
	}
}
