// Package pubtest builds the publishing tests' fixtures in a test
// database: a programme, two high-level body members, adopted
// recommendations, bodies with endpoints.
package pubtest

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
)

// TestKey is the secrets key of the tests' stores: fixed, so that stores
// made apart in one test open each other's secrets.
var TestKey = bytes.Repeat([]byte("igfplus-test-key"), 2)

// Sealer seals with keys[0] and opens with any of keys; with none, it
// seals with TestKey.
func Sealer(keys ...[]byte) *seal.Sealer {
	if len(keys) == 0 {
		keys = [][]byte{TestKey}
	}
	s, err := seal.New(keys[0], keys[1:]...)
	if err != nil {
		panic(err)
	}
	return s
}

// Store is the publishing store on db, its secrets sealed with TestKey.
func Store(db *pgdb.DB) *pgstore.Store { return pgstore.New(db, Sealer()) }

// Fixture is what Seed made.
type Fixture struct {
	EditionID, PolicyIssueID, TrackID int64
	// Members are two HLB members' account ids.
	Members [2]int64
	// Secretariat is a Secretariat account id.
	Secretariat int64
}

// MustExec runs sql and fails tb on error.
func MustExec(tb testing.TB, db *pgdb.DB, sql string, args ...any) {
	tb.Helper()
	pgtest.Exec(tb, db, sql, args...)
}

// MustID runs a query returning one id.
func MustID(tb testing.TB, db *pgdb.DB, sql string, args ...any) int64 {
	tb.Helper()
	return pgtest.ID(tb, db, sql, args...)
}

// Seed makes the programme and the people.
func Seed(tb testing.TB, db *pgdb.DB) Fixture {
	tb.Helper()
	var f Fixture
	f.EditionID = MustID(tb, db, `INSERT INTO editions (year, title, starts_on, ends_on) VALUES (2031, 'IGF 2031', '2031-06-01', '2031-06-05') RETURNING id`)
	f.PolicyIssueID = MustID(tb, db, `INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 1, 'access', 'Universal access') RETURNING id`, f.EditionID)
	f.TrackID = MustID(tb, db, `INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title) VALUES ($1, $2, 'thematic', 'access', 'Access track') RETURNING id`, f.EditionID, f.PolicyIssueID)
	for i := range f.Members {
		f.Members[i] = account(tb, db, fmt.Sprintf("hlb%d@example.org", i), "hlb_member")
	}
	f.Secretariat = account(tb, db, "secretariat@example.org", "secretariat")
	return f
}

// Member is high-level body member i (0 or 1) as signed in.
func (f Fixture) Member(i int) igfplus.Identity {
	return igfplus.Identity{AccountID: f.Members[i], Roles: []igfplus.Role{igfplus.RoleHLBMember}}
}

func account(tb testing.TB, db *pgdb.DB, email, role string) int64 {
	tb.Helper()
	id := MustID(tb, db, `INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region)
		VALUES ($1, 'x', $1, 'civil_society', 'african') RETURNING id`, email)
	MustExec(tb, db, `INSERT INTO account_roles (account_id, role) VALUES ($1, $2)`, id, role)
	return id
}

// Adopted makes an adopted recommendation with a text, a closed poll that
// adopted it and one dissent, and returns its id.
func (f Fixture) Adopted(tb testing.TB, db *pgdb.DB, title string) int64 {
	tb.Helper()
	id := MustID(tb, db, `INSERT INTO recommendations (policy_issue_id, track_id, title, state, created_by, adopted_at)
		VALUES ($1, $2, $3, 'adopted', $4, now()) RETURNING id`, f.PolicyIssueID, f.TrackID, title, f.Secretariat)
	MustExec(tb, db, `INSERT INTO recommendation_versions (recommendation_id, version, body, created_by) VALUES ($1, 1, 'Connect everyone.', $2)`, id, f.Secretariat)
	MustExec(tb, db, `INSERT INTO polls (recommendation_id, track_id, question, kind, rule, state, closed_at, created_by, chain_head, result)
		VALUES ($1, $2, 'Adopt?', 'yes_no_abstain', 'majority', 'closed', now(), $3, 'abc123',
		'{"outcome":"adopted","rule":"majority","ballots":7,"electorate":9,"turnout_percent":77.77,
		"overall":{"ballots":7,"yes":5,"no":1,"abstain":1},
		"groups":[{"name":"civil_society","ballots":5,"counts":{"ballots":5,"yes":4,"no":0,"abstain":1}},{"name":"private_sector","ballots":"<5"}],
		"regions":[],"chain_head":"abc123"}')`, id, f.TrackID, f.Secretariat)
	MustExec(tb, db, `INSERT INTO recommendation_record (recommendation_id, consensus, updated_by) VALUES ($1, 'Broad support.', $2)`, id, f.Secretariat)
	MustExec(tb, db, `INSERT INTO recommendation_dissent (recommendation_id, position, stakeholder_group, reason) VALUES ($1, 1, 'private_sector', 'Cost.')`, id)
	return id
}

// Endpoint registers a body with one enabled endpoint at url (private
// addresses allowed: tests run on 127.0.0.1) signed with secret, and
// returns the endpoint's id.
func Endpoint(tb testing.TB, db *pgdb.DB, name, url, secret string) int64 {
	tb.Helper()
	body := MustID(tb, db, `INSERT INTO bodies (name, kind) VALUES ($1, 'other') RETURNING id`, name)
	ep := MustID(tb, db, `INSERT INTO body_endpoints (body_id, url, allow_private) VALUES ($1, $2, true) RETURNING id`, body, url)
	MustExec(tb, db, `INSERT INTO endpoint_secrets (endpoint_id, kind, secret) VALUES ($1, 'hmac', $2)`, ep, secret)
	return ep
}
