package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/delegates"
	"github.com/igfplus/igfplus/tracks/delegates/pgstore"
)

// wireDelegates builds delegate verification on its store.
func wireDelegates(db *pgdb.DB) *delegates.Service { return delegates.NewService(pgstore.New(db)) }
