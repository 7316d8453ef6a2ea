package e2e

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/demo"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	sessionstore "github.com/igfplus/igfplus/sessions/pgstore"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

type discardEvents struct{}

func (discardEvents) Publish(context.Context, hub.Event) error { return nil }

// The demo's people by what the rules look at: the minister is a verified
// government delegate and the MP a verified member of parliament (demo);
// the IGO delegate is verified here; the youth declared 18-24; the
// business participant declared nothing; the stranger lost the participant
// role here, so is signed in but not a registered participant.
var rulePeople = []string{"minister", "igo", "mp", "youth", "business", "stranger"}

// mayTakePart is, per track kind, who of rulePeople speaks and votes.
var mayTakePart = map[tracks.Kind][]string{
	tracks.Thematic:       {"minister", "igo", "mp", "youth", "business"},
	tracks.HighLevel:      {"minister", "igo"},
	tracks.Ministerial:    {"minister", "igo"},
	tracks.Parliamentary:  {"mp"},
	tracks.Youth:          {"youth"},
	tracks.NRI:            {"minister", "igo", "mp", "youth", "business"},
	tracks.Intersessional: {"minister", "igo", "mp", "youth", "business"},
}

// TestTrackParticipationRulesOnEveryActionOfTheService: for each track
// kind, against real Postgres, each person either takes part in a live
// session of that track (chat, floor request, question, reaction) or is
// refused every one of those actions as forbidden while still following
// it; and the poll electorate of the kind admits exactly the same people.
func TestTrackParticipationRulesOnEveryActionOfTheService(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	if _, err := demo.Seed(ctx, db, time.Now(), func(string) (string, error) { return "not-a-real-hash", nil }); err != nil {
		t.Fatal(err)
	}
	svc := sessions.NewService(sessionstore.New(db, discardEvents{}))
	people := rulesPeople(t, ctx, db)
	for _, kind := range tracks.Kinds {
		session := liveSessionOfKind(t, ctx, db, kind)
		for _, key := range rulePeople {
			who, p := people[key].who, people[key].p
			want := slices.Contains(mayTakePart[kind], key)
			t.Run(fmt.Sprintf("%s/%s", kind, key), func(t *testing.T) {
				if got := tracks.MayTakePart(kind, p) == tracks.SpeakAndVote; got != want {
					t.Errorf("MayTakePart = %v, want %v", got, want)
				}
				if got := voting.ElectorateOf(kind).Admits(p); got != want {
					t.Errorf("the poll electorate admits: %v, want %v", got, want)
				}
				if err := svc.CanFollow(ctx, who, session); err != nil {
					t.Errorf("following: %v; everyone follows as an observer at least", err)
				}
				actions := map[string]func() error{
					"chat.send": func() error { _, err := svc.PostChat(ctx, who, session, "Hello from "+key); return err },
					"floor.request": func() error {
						_, err := svc.RequestFloor(ctx, who, session, sessions.Online, false)
						return err
					},
					"question.ask": func() error {
						_, err := svc.Ask(ctx, who, session, "A question from "+key+"?", false)
						return err
					},
					"reaction.send": func() error { return svc.MayReact(ctx, who, session, sessions.Applause) },
				}
				for name, act := range actions {
					err := act()
					if want && err != nil {
						t.Errorf("%s refused: %v", name, err)
					}
					if !want && igfplus.ErrorCode(err) != igfplus.EForbidden {
						t.Errorf("%s by an observer: %v, want forbidden", name, err)
					}
				}
			})
		}
	}
}

type rulePerson struct {
	who igfplus.Identity
	p   tracks.Participant
}

// rulesPeople sets up rulePeople and returns their identities and what the
// rule sees in each.
func rulesPeople(t *testing.T, ctx context.Context, db *pgdb.DB) map[string]rulePerson {
	t.Helper()
	mustExec(t, ctx, db, `UPDATE accounts SET verified_as = 'intergovernmental_delegate' WHERE email = 'igo@demo.igf.example'`)
	mustExec(t, ctx, db, `DELETE FROM account_roles WHERE role = 'participant'
		AND account_id = (SELECT id FROM accounts WHERE email = 'academic@demo.igf.example')`)
	emails := map[string]string{"minister": "minister", "igo": "igo", "mp": "mp", "youth": "youth", "business": "business", "stranger": "academic"}
	out := make(map[string]rulePerson)
	for key, local := range emails {
		var rp rulePerson
		var band string
		err := db.Pool.QueryRow(ctx, `
			SELECT id, display_name, stakeholder_group, region, verified_as, coalesce(age_band, ''),
			       EXISTS (SELECT 1 FROM account_roles WHERE account_id = a.id AND role = 'participant')
			FROM accounts a WHERE email = $1`, local+"@demo.igf.example").
			Scan(&rp.who.AccountID, &rp.who.Name, &rp.who.StakeholderGroup, &rp.who.Region, &rp.p.VerifiedAs, &band, &rp.p.Registered)
		if err != nil {
			t.Fatal(err)
		}
		rp.p.Youth = band == "under_18" || band == "18_24" || band == "25_34"
		if rp.p.Registered {
			rp.who.Roles = []igfplus.Role{igfplus.RoleParticipant}
		}
		out[key] = rp
	}
	return out
}

// liveSessionOfKind makes the demo's first session of a track of kind live
// and returns it.
func liveSessionOfKind(t *testing.T, ctx context.Context, db *pgdb.DB, kind tracks.Kind) int64 {
	t.Helper()
	var id int64
	err := db.Pool.QueryRow(ctx, `
		UPDATE sessions SET state = 'live' WHERE id = (
			SELECT s.id FROM sessions s JOIN tracks t ON t.id = s.track_id WHERE t.kind = $1 ORDER BY s.id LIMIT 1)
		RETURNING id`, string(kind)).Scan(&id)
	if err != nil {
		t.Fatalf("a %s session: %v", kind, err)
	}
	return id
}

func mustExec(t *testing.T, ctx context.Context, db *pgdb.DB, sql string, args ...any) {
	t.Helper()
	if _, err := db.Pool.Exec(ctx, sql, args...); err != nil {
		t.Fatal(err)
	}
}

// TestTrackRulesOverHTTPAndTheWebSocket: in the demo's ministerial round
// table, made live, a participant who is not a verified delegate follows
// the room but is refused chat over HTTP and chat and floor requests over
// real WebSocket frames, with a message naming the rule; the demo's
// minister, verified as a government delegate, takes part both ways.
func TestTrackRulesOverHTTPAndTheWebSocket(t *testing.T) {
	c := newCluster(t)
	n := startNode(t, c)
	session := liveMinisterialRoundtable(t, c)
	chat := "/api/sessions/" + strconv.FormatInt(session, 10) + "/chat"
	observerToken := signIn(t, n, "business@demo.igf.example", "igfplus-demo")
	ministerToken := signIn(t, n, "minister@demo.igf.example", "igfplus-demo")
	var problem struct{ Detail string }
	api(t, n, "POST", chat, observerToken, `{"body":"May I speak?"}`, 403, &problem)
	if problem.Detail != tracks.ObserverReason(tracks.Ministerial) {
		t.Errorf("refusal %q, want the ministerial rule named", problem.Detail)
	}
	api(t, n, "POST", chat, ministerToken, `{"body":"On behalf of my government"}`, 201, nil)

	observer := joinRoom(t, n, session, observerToken)
	minister := joinRoom(t, n, session, ministerToken)
	for i, msg := range []map[string]any{
		{"type": "chat.send", "ref": "o1", "body": "May I speak?"},
		{"type": "floor.request", "ref": "o2", "mode": "online", "point_of_order": false},
		{"type": "question.ask", "ref": "o3", "body": "A question?"},
	} {
		send(t, observer, msg)
		f := await(t, observer, func(f replyFrame) bool { return f.Ref == msg["ref"] })
		if f.Type != "error" || f.Code != "forbidden" {
			t.Errorf("observer's message %d: %+v, want a forbidden error frame", i, f)
		}
	}
	for _, msg := range []map[string]any{
		{"type": "chat.send", "ref": "m1", "body": "Statement"},
		{"type": "floor.request", "ref": "m2", "mode": "onsite", "point_of_order": false},
	} {
		send(t, minister, msg)
		if f := await(t, minister, func(f replyFrame) bool { return f.Ref == msg["ref"] }); f.Type != "ack" {
			t.Errorf("the minister's %s: %+v, want ack", msg["type"], f)
		}
	}
}

// TestAVerifiedDelegateTakesPartOverHTTP: a participant refused in the
// ministerial round table asks to be verified, the secretariat accepts
// (a participant may not), and the same token may then speak: the
// verification is read on every action, not carried in the token.
func TestAVerifiedDelegateTakesPartOverHTTP(t *testing.T) {
	c := newCluster(t)
	n := startNode(t, c)
	session := liveMinisterialRoundtable(t, c)
	chat := "/api/sessions/" + strconv.FormatInt(session, 10) + "/chat"
	token := signIn(t, n, "business@demo.igf.example", "igfplus-demo")
	api(t, n, "POST", chat, token, `{"body":"Before"}`, 403, nil)
	var req struct {
		ID    int64
		State string
	}
	api(t, n, "POST", "/api/me/verification", token, `{"verify_as":"intergovernmental_delegate","note":"OECD delegation"}`, 201, &req)
	accept := "/api/verifications/" + strconv.FormatInt(req.ID, 10) + "/accept"
	api(t, n, "POST", accept, token, `{"reason":"self-service"}`, 403, nil)
	secretariat := signIn(t, n, "secretariat@demo.igf.example", "igfplus-demo")
	var list struct{ Verifications []struct{ ID int64 } }
	api(t, n, "GET", "/api/verifications?state=pending", secretariat, "", 200, &list)
	if len(list.Verifications) != 1 || list.Verifications[0].ID != req.ID {
		t.Fatalf("pending verifications %+v", list)
	}
	api(t, n, "POST", accept, secretariat, `{"reason":"Accreditation letter checked"}`, 200, &req)
	if req.State != "accepted" {
		t.Fatalf("request %+v after accepting", req)
	}
	api(t, n, "POST", chat, token, `{"body":"After"}`, 201, nil)
}

// liveMinisterialRoundtable makes the demo's ministerial round table live.
func liveMinisterialRoundtable(t *testing.T, c cluster) int64 {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var session int64
	if err := conn.QueryRow(ctx, `UPDATE sessions SET state = 'live' WHERE slug = 'ministerial-roundtable' RETURNING id`).Scan(&session); err != nil {
		t.Fatal(err)
	}
	return session
}
