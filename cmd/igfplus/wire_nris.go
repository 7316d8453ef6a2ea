package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/nris/pgstore"
)

// wireNRIs builds the NRI directory, the links to global tracks and their
// intake on their store; programme is the tracks they link.
func wireNRIs(db *pgdb.DB, programme nris.Tracks) *nris.Service {
	return nris.NewService(pgstore.New(db), programme)
}
