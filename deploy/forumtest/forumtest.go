// Package forumtest builds, in a migrated test database, the small forum a
// test needs, so that the test depends on what it made rather than on the
// demo forum's content (deploy/demo, which may change for the people trying
// the platform): an edition with one policy issue and one thematic track, a
// Secretariat account, a moderator, live sessions with agendas, and people
// who sign in with Password.
//
// Build it before a node starts (or on a node started with --demo never): a
// database that holds an edition is not seeded with the demo forum.
package forumtest

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/accounts/argon2id"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Password is every fixture account's password.
const Password = "forumtest-password"

// Domain ends every fixture account's email.
const Domain = "@forum.test"

// Person is an account of the fixture.
type Person struct {
	ID            int64
	Email         string
	Name          string
	Group, Region string
}

// Identity is who p is to a service called directly (a store's test), as
// a token would carry it, holding roles only.
func (p Person) Identity(roles ...igfplus.Role) igfplus.Identity {
	return igfplus.Identity{AccountID: p.ID, Name: p.Name, StakeholderGroup: igfplus.StakeholderGroup(p.Group),
		Region: igfplus.Region(p.Region), Roles: roles}
}

// Forum is what New made.
type Forum struct {
	db *pgdb.DB

	EditionID, PolicyIssueID, TrackID int64
	// Secretariat has the participant and secretariat roles.
	Secretariat Person
	// Moderator moderates every session the fixture makes.
	Moderator Person
	// Session is a live session of the track with a three-item agenda.
	Session int64
	// Agenda is Session's agenda items' ids, in order.
	Agenda []int64
}

var (
	hashOnce sync.Once
	hash     string
	hashErr  error
	serial   atomic.Int64 // keeps slugs unique within a database
)

// passwordHash is Password's argon2id hash, made once per test binary.
func passwordHash(tb testing.TB) string {
	tb.Helper()
	hashOnce.Do(func() { hash, hashErr = argon2id.Default().Hash(Password) })
	if hashErr != nil {
		tb.Fatalf("forumtest: %v", hashErr)
	}
	return hash
}

// New makes the programme, the Secretariat, the moderator and one live
// session in db.
func New(tb testing.TB, db *pgdb.DB) *Forum {
	tb.Helper()
	f := &Forum{db: db}
	now := time.Now().UTC()
	f.EditionID = f.id(tb, `INSERT INTO editions (year, title, starts_on, ends_on) VALUES ($1, $2, $3, $4) RETURNING id`,
		now.Year(), fmt.Sprintf("Test Forum %d", now.Year()), now.AddDate(0, 0, -1).Format(time.DateOnly), now.AddDate(0, 0, 3).Format(time.DateOnly))
	f.PolicyIssueID = f.id(tb, `INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 1, 'access', 'Access for all') RETURNING id`, f.EditionID)
	f.TrackID = f.id(tb, `INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title) VALUES ($1, $2, 'thematic', 'access', 'Access track') RETURNING id`,
		f.EditionID, f.PolicyIssueID)
	f.Secretariat = f.Person(tb, "Sam Secretariat", "intergovernmental", "intergovernmental", "secretariat")
	f.Moderator = f.Person(tb, "Mo Moderator", "civil_society", "latin_american_caribbean", "moderator")
	f.Session, f.Agenda = f.LiveSession(tb, "Live test session")
	return f
}

// Person makes an account with the participant role and roles, in group
// and region, that signs in with its email and Password; its address is
// verified (only verified accounts vote). The email is made
// from the name.
func (f *Forum) Person(tb testing.TB, name, group, region string, roles ...string) Person {
	tb.Helper()
	email := strings.ToLower(strings.Join(strings.Fields(name), ".")) + Domain
	p := Person{Email: email, Name: name, Group: group, Region: region}
	p.ID = f.id(tb, `INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region, email_verified_at) VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
		email, passwordHash(tb), name, group, region)
	for _, r := range append([]string{"participant"}, roles...) {
		f.exec(tb, `INSERT INTO account_roles (account_id, role) VALUES ($1, $2)`, p.ID, r)
	}
	return p
}

// Unverified takes back the confirmation of p's address, as for someone
// who registered and has not opened the mailed link yet.
func (f *Forum) Unverified(tb testing.TB, p Person) {
	tb.Helper()
	f.exec(tb, `UPDATE accounts SET email_verified_at = NULL WHERE id = $1`, p.ID)
}

// Participant makes a participant of civil society from the African group.
func (f *Forum) Participant(tb testing.TB, name string) Person {
	tb.Helper()
	return f.Person(tb, name, "civil_society", "african")
}

// LiveSession makes a live workshop of the track, moderated by the
// fixture's moderator, begun 10 minutes ago with a three-item agenda, and
// returns its id and its agenda items' ids.
func (f *Forum) LiveSession(tb testing.TB, title string) (int64, []int64) {
	tb.Helper()
	return f.session(tb, f.TrackID, title, "live", time.Now().Add(-10*time.Minute))
}

// Track makes a track of kind (thematic, ministerial, youth…) in the
// edition, on the fixture's policy issue where the kind has one.
func (f *Forum) Track(tb testing.TB, kind string) int64 {
	tb.Helper()
	return f.id(tb, `INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title)
		VALUES ($1, CASE WHEN $2 = 'thematic' THEN $3::bigint END, $2, $4, $5) RETURNING id`,
		f.EditionID, kind, f.PolicyIssueID, fmt.Sprintf("%s-%d", kind, serial.Add(1)), "Test "+kind+" track")
}

// LiveSessionIn is LiveSession in another track of the fixture's.
func (f *Forum) LiveSessionIn(tb testing.TB, track int64, title string) (int64, []int64) {
	tb.Helper()
	return f.session(tb, track, title, "live", time.Now().Add(-10*time.Minute))
}

// ScheduledSession is LiveSession's twin that has not begun: it starts in
// an hour.
func (f *Forum) ScheduledSession(tb testing.TB, title string) (int64, []int64) {
	tb.Helper()
	return f.session(tb, f.TrackID, title, "scheduled", time.Now().Add(time.Hour))
}

func (f *Forum) session(tb testing.TB, track int64, title, state string, start time.Time) (int64, []int64) {
	tb.Helper()
	id := f.id(tb, `INSERT INTO sessions (track_id, policy_issue_id, slug, title, format, state, starts_at, ends_at)
		VALUES ($1, $2, $3, $4, 'workshop', $5, $6, $7) RETURNING id`,
		track, f.PolicyIssueID, fmt.Sprintf("test-session-%d", serial.Add(1)), title, state, start, start.Add(time.Hour))
	var agenda []int64
	for i, item := range []string{"Opening", "Discussion", "Conclusions"} {
		agenda = append(agenda, f.id(tb, `INSERT INTO agenda_items (session_id, position, title, minutes) VALUES ($1, $2, $3, 20) RETURNING id`, id, i+1, item))
	}
	f.Role(tb, id, f.Moderator, "moderator")
	return id, agenda
}

// Role gives p a role in a session (moderator, rapporteur, captioner).
func (f *Forum) Role(tb testing.TB, session int64, p Person, role string) {
	tb.Helper()
	f.exec(tb, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, $3)`, session, p.ID, role)
}

func (f *Forum) id(tb testing.TB, sql string, args ...any) int64 {
	tb.Helper()
	return pgtest.ID(tb, f.db, sql, args...)
}

func (f *Forum) exec(tb testing.TB, sql string, args ...any) {
	tb.Helper()
	pgtest.Exec(tb, f.db, sql, args...)
}
