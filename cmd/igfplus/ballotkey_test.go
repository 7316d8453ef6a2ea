package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/tracks/voting"
)

// candidateKeys are the keys someone holding the data folder could try:
// each file's bytes, their base64 decoding, and hashes of both (the way
// the ballot key was once derived from token.key).
func candidateKeys(t *testing.T, dir string) [][]byte {
	t.Helper()
	var out [][]byte
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		raw := [][]byte{b, bytes.TrimSpace(b)}
		if dec, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(b))); err == nil {
			raw = append(raw, dec)
		}
		for _, r := range raw {
			old := sha256.Sum256(append([]byte("igfplus ballot key v1\n"), r...))
			plain := sha256.Sum256(r)
			out = append(out, r, old[:], plain[:])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTheDataFolderCannotRecomputeAVoterTag(t *testing.T) {
	data, home := t.TempDir(), t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("HOME", home)
	// What a zero-configuration start leaves in the data folder: the
	// generated token key (the private PostgreSQL's files hold no key).
	if _, err := auth.LoadOrCreateKey(filepath.Join(data, "token.key")); err != nil {
		t.Fatal(err)
	}
	key, err := ballotKey(Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	again, err := ballotKey(Config{DataDir: data})
	if err != nil || !bytes.Equal(again, key) {
		t.Fatalf("a restart's ballot key differs (%v): an open poll's voters could vote again", err)
	}
	keys, _ := voting.NewKeys(key)
	salt := voting.NewSalt()
	real, _ := keys.Poll(1, salt, keys.ID())
	want := real.Tag(42)
	for _, c := range candidateKeys(t, data) {
		if bytes.Contains(c, key) || bytes.Contains(key, c) && len(c) >= 16 {
			t.Fatal("the data folder holds the ballot key")
		}
		if k, err := voting.NewKeys(c); err == nil {
			if p, err := k.Poll(1, salt, k.ID()); err == nil && bytes.Equal(p.Tag(42), want) {
				t.Fatal("a key found in the data folder recomputes a voter tag")
			}
		}
	}
	if file := filepath.Join(home, "igfplus", "ballot.key"); !fileExists(file) {
		t.Fatalf("the ballot key is not kept in %s", file)
	}
	if _, err := ballotKey(Config{DataDir: data, BallotKeyFile: filepath.Join(data, "keys", "ballot.key")}); err == nil ||
		!strings.Contains(err.Error(), "must not be in the data folder") {
		t.Fatalf("a ballot key file in the data folder: %v", err)
	}
	given := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	if k, err := ballotKey(Config{DataDir: data, BallotKey: given}); err != nil || !bytes.Equal(k, bytes.Repeat([]byte{7}, 32)) {
		t.Fatalf("IGFPLUS_BALLOT_KEY: %x, %v", k, err)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
