package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/live"
	"github.com/igfplus/igfplus/sessions/pgstore"
)

// wireSessions builds the live sessions on their store, which announces
// through pub, with one person's pace of actions a second; the sessions'
// rooms as the hub sees them (who may join, what a message does); and the
// store presence is reported to.
func wireSessions(db *pgdb.DB, pub pgstore.Publisher, pace int) (*sessions.Service, *live.Adapter, live.PresenceStore) {
	store := pgstore.New(db, pub)
	svc := sessions.NewService(store)
	svc.SetPace(pace)
	return svc, live.New(svc), store
}
