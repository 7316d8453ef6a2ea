package pgstore_test

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub/pglog/pglogtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
	"github.com/igfplus/igfplus/tracks/voting/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// nobodyModerates lets only the secretariat run polls.
type nobodyModerates struct{}

func (nobodyModerates) MayModerate(context.Context, igfplus.Identity, int64) error {
	return igfplus.Errorf(igfplus.EForbidden, "Only the session's moderators can do that.")
}

// CanFollow lets everyone signed in follow every session.
func (nobodyModerates) CanFollow(context.Context, igfplus.Identity, int64) error { return nil }

type fixture struct {
	t       *testing.T
	ctx     context.Context
	db      *pgdb.DB
	forum   *forumtest.Forum // the test's own programme: its live session and thematic track
	store   *pgstore.Store
	svc     *voting.Service
	pub     *pglogtest.Recorder
	chair   igfplus.Identity // the secretariat
	session int64
	track   int64
	rec     int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	db := pgtest.DB(t)
	f := &fixture{t: t, ctx: ctx, db: db, forum: forumtest.New(t, db), pub: pglogtest.NewRecorder(t, db.Pool)}
	keys, err := voting.NewKeys(testBallotKey)
	f.must(err)
	f.store = pgstore.New(db, f.pub, nil, keys)
	go f.store.Run(ctx)
	f.svc = voting.NewService(f.store, nobodyModerates{}, keys)
	f.session, f.track = f.forum.Session, f.forum.TrackID
	f.chair = f.voters(1, "intergovernmental", "secretariat")[0]
	f.rec = f.recommendation(f.track, f.session)
	return f
}

// testBallotKey is the tests' ballot key.
var testBallotKey = []byte(strings.Repeat("test key ", 4))

// keyEncodings are the ways a key could be written down.
func keyEncodings(k []byte) []string {
	return []string{string(k), hex.EncodeToString(k), base64.StdEncoding.EncodeToString(k), base64.RawURLEncoding.EncodeToString(k)}
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// recommendation adds a recommendation to a track (and session, if any).
func (f *fixture) recommendation(track, session int64) int64 {
	var id int64
	f.must(f.db.Pool.QueryRow(f.ctx, `
		INSERT INTO recommendations (policy_issue_id, track_id, session_id, title, created_by)
		SELECT coalesce(t.policy_issue_id, (SELECT min(id) FROM policy_issues WHERE edition_id = t.edition_id)), t.id, nullif($2, 0), 'Open data for all', $3
		FROM tracks t WHERE t.id = $1 RETURNING id`, track, session, f.chairOrZero()).Scan(&id))
	return id
}

func (f *fixture) chairOrZero() int64 {
	if f.chair.AccountID != 0 {
		return f.chair.AccountID
	}
	var id int64
	f.must(f.db.Pool.QueryRow(f.ctx, `SELECT min(id) FROM accounts`).Scan(&id))
	return id
}

// voters registers n participants, spread over the stakeholder groups and
// regions unless group is given, with extra roles.
func (f *fixture) voters(n int, group string, roles ...string) []igfplus.Identity {
	f.t.Helper()
	rows, err := f.db.Pool.Query(f.ctx, `
		WITH made AS (
			INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region, email_verified_at)
			SELECT 'voter' || g || '-' || md5(random()::text) || '@test.example', 'x', 'Voter ' || g,
			       coalesce(nullif($2, ''), (ARRAY['government','intergovernmental','private_sector','civil_society','technical_community','academia'])[1 + g % 6]),
			       (ARRAY['african','asia_pacific','eastern_european','latin_american_caribbean','western_european_others'])[1 + g % 5], now()
			FROM generate_series(1, $1) AS g
			RETURNING id, display_name, stakeholder_group, region),
		roles AS (
			INSERT INTO account_roles (account_id, role)
			SELECT made.id, r FROM made, unnest('{participant}'::text[] || $3::text[]) AS r)
		SELECT id, display_name, stakeholder_group, region FROM made ORDER BY id`, n, group, roles)
	f.must(err)
	defer rows.Close()
	var out []igfplus.Identity
	for rows.Next() {
		var who igfplus.Identity
		f.must(rows.Scan(&who.AccountID, &who.Name, &who.StakeholderGroup, &who.Region))
		who.Roles = []igfplus.Role{igfplus.RoleParticipant}
		for _, r := range roles {
			who.Roles = append(who.Roles, igfplus.Role(r))
		}
		out = append(out, who)
	}
	return out
}

// openPoll creates and opens a poll on the fixture's recommendation.
func (f *fixture) openPoll(set voting.Settings) voting.Poll {
	f.t.Helper()
	if set.RecommendationID == 0 {
		// The fixture's recommendation, in the fixture's live session;
		// others are put to the vote outside any session.
		set.RecommendationID, set.SessionID = f.rec, f.session
	}
	if set.Question == "" {
		set.Question = "Adopt the recommendation?"
	}
	if set.Kind == "" {
		set.Kind, set.Rule = voting.YesNoAbstain, voting.Majority
	}
	p, err := f.svc.CreatePoll(f.ctx, f.chair, set)
	f.must(err)
	p, err = f.svc.OpenPoll(f.ctx, f.chair, p.ID)
	f.must(err)
	return p
}

// readLogInTx reads a poll's public log as a transaction sees it, so that a
// test can tamper and roll back.
func readLogInTx(f *fixture, tx pgx.Tx, poll int64) (voting.PublicLog, error) {
	p, err := f.svc.Poll(f.ctx, poll)
	if err != nil {
		return voting.PublicLog{}, err
	}
	l := voting.PublicLog{Version: p.LogVersion, PollID: poll, Settings: p.Settings, Electorate: p.ElectorateSize, ChainHead: p.ChainHead, Result: *p.Result}
	rows, err := tx.Query(f.ctx, `
		SELECT position, encode(ballot_id, 'hex'), choice::text, stakeholder_group, coalesce(region, ''), coalesce(voter_name, ''), encode(hash, 'hex')
		FROM ballot_log WHERE poll_id = $1 ORDER BY position`, poll)
	if err != nil {
		return l, err
	}
	defer rows.Close()
	for rows.Next() {
		var e voting.LogEntry
		var choice string
		if err := rows.Scan(&e.Position, &e.BallotID, &choice, &e.Group, &e.Region, &e.VoterName, &e.Hash); err != nil {
			return l, err
		}
		if err := json.Unmarshal([]byte(choice), &e.Choice); err != nil {
			return l, err
		}
		l.Entries = append(l.Entries, e)
	}
	return l, rows.Err()
}
