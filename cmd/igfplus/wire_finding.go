package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/finding/pgstore"
)

// wireFinding builds search, following and the calendars on their store,
// with search results' titles translated by texts.
func wireFinding(db *pgdb.DB, texts finding.Texts) *finding.Service {
	return finding.NewService(pgstore.New(db), texts)
}
