package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/proposals"
	"github.com/igfplus/igfplus/tracks/proposals/pgstore"
)

// wireProposals builds the call for session proposals and the MAG's
// review on their store, mailing decisions through the outbox (mailer).
func wireProposals(db *pgdb.DB, mailer proposals.Mailer) *proposals.Service {
	return proposals.NewService(pgstore.New(db), mailer, nil)
}
