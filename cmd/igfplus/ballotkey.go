package main

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"

	"github.com/igfplus/igfplus/deploy/keyfile"
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
	if keyfile.Within(cfg.DataDir, path) {
		return nil, fmt.Errorf("the ballot key file %s must not be in the data folder %s: a copy of the folder would link secret ballots to voters", path, cfg.DataDir)
	}
	return loadOrCreateBallotKey(path)
}

// loadOrCreateBallotKey reads the base64 key in path, or makes one
// (deploy/keyfile). Every process of this user on this machine shares it.
func loadOrCreateBallotKey(path string) ([]byte, error) {
	s, err := keyfile.LoadOrCreate(path, func() (string, error) {
		k := make([]byte, 32)
		_, err := rand.Read(k)
		return base64.StdEncoding.EncodeToString(k), err
	})
	if err != nil {
		return nil, err
	}
	k, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(k) < 32 {
		return nil, fmt.Errorf("the ballot key file %s must hold at least 32 bytes in base64", path)
	}
	return k, nil
}
