package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ballotKey is the key of secret polls' voter tags and sealed ballots
// (docs/BALLOT-SECRECY.md): IGFPLUS_BALLOT_KEY when set (every node of an
// installation needs the same), else the key file, generated on first use
// outside the data folder (by default in the user's configuration folder),
// so that neither the database nor a copy or backup of the data folder can
// recompute a voter tag.
func ballotKey(cfg Config) ([]byte, error) {
	if cfg.BallotKey != "" {
		k, err := base64.StdEncoding.DecodeString(cfg.BallotKey)
		if err != nil || len(k) < 32 {
			return nil, fmt.Errorf("IGFPLUS_BALLOT_KEY must be at least 32 bytes in base64")
		}
		return k, nil
	}
	path := cfg.BallotKeyFile
	if path == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return nil, fmt.Errorf("no ballot key: set IGFPLUS_BALLOT_KEY or IGFPLUS_BALLOT_KEY_FILE (%w)", err)
		}
		path = filepath.Join(dir, "igfplus", "ballot.key")
	}
	if inside(cfg.DataDir, path) {
		return nil, fmt.Errorf("the ballot key file %s must not be in the data folder %s: a copy of the folder would link secret ballots to voters", path, cfg.DataDir)
	}
	return loadOrCreateBallotKey(path)
}

// inside reports whether path is dir or under it.
func inside(dir, path string) bool {
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// loadOrCreateBallotKey reads the base64 key in path, or makes one. Every
// process of this user on this machine shares it: two starting at once
// agree on whichever file was linked first.
func loadOrCreateBallotKey(path string) ([]byte, error) {
	if k, err := readBallotKey(path); err == nil || !errors.Is(err, os.ErrNotExist) {
		return k, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	k := make([]byte, 32)
	_, _ = rand.Read(k)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ballot-key-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(base64.StdEncoding.EncodeToString(k) + "\n"); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, os.ErrExist) {
		return nil, err
	}
	return readBallotKey(path)
}

func readBallotKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(k) < 32 {
		return nil, fmt.Errorf("the ballot key file %s must hold at least 32 bytes in base64", path)
	}
	return k, nil
}
