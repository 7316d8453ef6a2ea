package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/pgstore"
	schedulepg "github.com/igfplus/igfplus/tracks/schedule/pgstore"
)

// wireProgramme builds the Forum's programme on its store, the NRIs
// (wireNRIs) and the programme's writes, which need both.
func wireProgramme(db *pgdb.DB) (*pgstore.Programme, *nris.Service, *tracks.Service) {
	// A session a track's planners add with its room and times is checked
	// as the scheduler checks a placement (a room booked twice, a day
	// outside the edition), in the same transaction.
	programme := pgstore.NewProgramme(db).CheckingSlots(schedulepg.CheckPlacedTx)
	nriSvc := wireNRIs(db, programme)
	return programme, nriSvc, tracks.NewService(programme, nriSvc)
}
