package main

import (
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/translations"
	"github.com/igfplus/igfplus/tracks/translations/pgstore"
)

// wireTranslations builds the programme's translations on their store,
// authorised by the programme's rule of who plans a track and the
// recommendations' of who edits one; open session rooms hear through pub
// when their texts' translations change.
func wireTranslations(db *pgdb.DB, pub pgstore.Publisher, planners translations.Planners, drafters translations.Drafters) *translations.Service {
	return translations.NewService(pgstore.New(db, pub), planners, drafters)
}
