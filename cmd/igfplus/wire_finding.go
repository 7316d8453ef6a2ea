package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/finding/pgstore"
)

// wireFinding builds search, following and the calendars on their store.
func wireFinding(db *pgdb.DB) *finding.Service {
	return finding.NewService(pgstore.New(db))
}
