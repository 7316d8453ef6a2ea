package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/voting"
	"github.com/igfplus/igfplus/tracks/voting/pgstore"
)

// newVoting wires the voting service and its store (returned as the loop
// that group-commits ballots), with the ballot key (ballotkey.go).
func newVoting(cfg Config, db *pgdb.DB, pub pgstore.Publisher, sessions voting.Authority, amender pgstore.Amender) (*voting.Service, runner, error) {
	key, err := ballotKey(cfg)
	if err != nil {
		return nil, nil, err
	}
	keys, err := voting.NewKeys(key)
	if err != nil {
		return nil, nil, err
	}
	store := pgstore.New(db, pub, amender, keys)
	return voting.NewService(store, sessions, keys), store, nil
}
