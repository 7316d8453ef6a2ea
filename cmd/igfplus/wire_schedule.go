package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/schedule"
	"github.com/igfplus/igfplus/tracks/schedule/pgstore"
)

// wireSchedule builds the Secretariat's scheduling on its store.
func wireSchedule(db *pgdb.DB) *schedule.Service {
	return schedule.NewService(pgstore.New(db))
}
