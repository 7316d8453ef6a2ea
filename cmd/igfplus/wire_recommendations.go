package main

import (
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/recommendations/live"
	"github.com/igfplus/igfplus/tracks/recommendations/pgstore"
)

// wireRecommendations builds the drafting of recommendations on their
// store, which announces through pub to the recommendations' rooms; the
// store, which a closing poll writes accepted amendments with; and who may
// follow a recommendation's room.
func wireRecommendations(db *pgdb.DB, pub pglog.Publisher) (*recommendations.Service, *pgstore.Store, live.Policy) {
	store := pgstore.New(db)
	store.AnnounceThrough(pub)
	svc := recommendations.NewService(store)
	return svc, store, live.NewPolicy(svc)
}
