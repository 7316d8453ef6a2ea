// Package programmetest builds the programme's tests' world in a test
// database: an edition with two policy issues, a global thematic track with
// its lead, the people of the tests, and the programme's and the NRI
// directory's services over their Postgres stores.
package programmetest

import (
	"context"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	nrisstore "github.com/igfplus/igfplus/tracks/nris/pgstore"
	"github.com/igfplus/igfplus/tracks/pgstore"
	schedulepg "github.com/igfplus/igfplus/tracks/schedule/pgstore"
)

// World is what New made.
type World struct {
	DB        *pgdb.DB
	NRIs      *nris.Service
	Programme *tracks.Service
	// Edition caps its policy issues at 2: Issue and Other. Global is a
	// thematic track on Issue, led by Lead.
	Edition, Issue, Other, Global int64
	// Sec is of the secretariat; the others are participants.
	Sec, Lead, Coord, Stranger igfplus.Identity
}

// New builds a World in a fresh test database.
func New(tb testing.TB) *World {
	tb.Helper()
	w := &World{DB: pgtest.DB(tb)}
	store := pgstore.NewProgramme(w.DB).CheckingSlots(schedulepg.CheckPlacedTx) // as cmd wires it
	w.NRIs = nris.NewService(nrisstore.New(w.DB), store)
	w.Programme = tracks.NewService(store, w.NRIs)
	w.Sec, w.Lead, w.Coord, w.Stranger = w.Person(tb, "sec", igfplus.RoleSecretariat), w.Person(tb, "lead"), w.Person(tb, "coord"), w.Person(tb, "stranger")
	w.Edition = w.One(tb, `INSERT INTO editions (year, title, starts_on, ends_on, max_policy_issues) VALUES (2031, 'IGF 2031', '2031-06-01', '2031-06-05', 2) RETURNING id`)
	w.Issue = w.One(tb, `INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 1, 'access', 'Access') RETURNING id`, w.Edition)
	w.Other = w.One(tb, `INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 2, 'ai', 'AI') RETURNING id`, w.Edition)
	w.Global = w.One(tb, `INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title, lead_id) VALUES ($1, $2, 'thematic', 'access', 'Access', $3) RETURNING id`,
		w.Edition, w.Issue, w.Lead.AccountID)
	return w
}

// One runs sql, which returns one id, and returns it.
func (w *World) One(tb testing.TB, sql string, args ...any) int64 {
	tb.Helper()
	return pgtest.ID(tb, w.DB, sql, args...)
}

// Person adds an account named name (name@example.org) and returns its
// identity: a participant with roles besides. The roles are the token's,
// as the services read them; the database's account_roles stay empty.
func (w *World) Person(tb testing.TB, name string, roles ...igfplus.Role) igfplus.Identity {
	tb.Helper()
	id := w.One(tb, `INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region)
		VALUES ($1, 'x', $1, 'civil_society', 'african') RETURNING id`, name+"@example.org")
	return igfplus.Identity{AccountID: id, Name: name, Roles: append([]igfplus.Role{igfplus.RoleParticipant}, roles...)}
}

// Initiative adds an initiative coordinated by coords, as the secretariat.
func (w *World) Initiative(tb testing.TB, slug, name string, coords ...int64) nris.NRI {
	tb.Helper()
	level := nris.National
	n, err := w.NRIs.CreateNRI(context.Background(), w.Sec, nris.NRIChange{Slug: &slug, Name: &name, Level: &level, Coordinators: &coords})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// Session adds a session of the global track, as the secretariat.
func (w *World) Session(tb testing.TB, slug string, coorganisers ...int64) int64 {
	tb.Helper()
	start := time.Date(2031, 6, 2, 9, 0, 0, 0, time.UTC)
	id, err := w.Programme.AddSession(context.Background(), w.Sec, w.Global, tracks.NewSession{PolicyIssueID: w.Issue, Slug: slug, Title: slug,
		Format: "nri_collaborative", StartsAt: start, EndsAt: start.Add(time.Hour), CoOrganisers: coorganisers})
	if err != nil {
		tb.Fatal(err)
	}
	return id
}
