package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/pgstore"
)

// wireProgramme builds the Forum's programme on its store, the NRIs
// (wireNRIs) and the programme's writes, which need both.
func wireProgramme(db *pgdb.DB) (*pgstore.Programme, *nris.Service, *tracks.Service) {
	programme := pgstore.NewProgramme(db)
	nriSvc := wireNRIs(db, programme)
	return programme, nriSvc, tracks.NewService(programme, nriSvc)
}
