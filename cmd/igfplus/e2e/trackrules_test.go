package e2e

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/igfplus/igfplus/deploy/forumtest"
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

// The people by what the rules look at: the minister is a verified
// government delegate, the IGO delegate a verified intergovernmental one,
// the MP a verified member of parliament; the youth declared 18-24; the
// business participant declared nothing; the stranger lost the participant
// role, so is signed in but not a registered participant.
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
	f := forumtest.New(t, db)
	svc := sessions.NewService(sessionstore.New(db, discardEvents{}))
	people := rulesPeople(t, ctx, db, f)
	for _, kind := range tracks.Kinds {
		session, _ := f.LiveSessionIn(t, f.Track(t, string(kind)), "A live "+string(kind)+" session")
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

// rulesPeople makes rulePeople in f and returns their identities and what
// the rule sees in each.
func rulesPeople(t *testing.T, ctx context.Context, db *pgdb.DB, f *forumtest.Forum) map[string]rulePerson {
	t.Helper()
	made := map[string]struct{ group, region, verifiedAs, ageBand string }{
		"minister": {"government", "asia_pacific", "government_delegate", ""},
		"igo":      {"intergovernmental", "intergovernmental", "intergovernmental_delegate", ""},
		"mp":       {"government", "eastern_european", "member_of_parliament", ""},
		"youth":    {"civil_society", "african", "", "18_24"},
		"business": {"private_sector", "western_european_others", "", ""},
		"stranger": {"academia", "asia_pacific", "", ""},
	}
	out := make(map[string]rulePerson)
	for key, m := range made {
		p := f.Person(t, "Rules "+key, m.group, m.region)
		pgtest.Exec(t, db, `UPDATE accounts SET verified_as = $2, age_band = $3 WHERE id = $1`, p.ID, m.verifiedAs, m.ageBand)
		rp := rulePerson{who: p.Identity(), p: tracks.Participant{VerifiedAs: tracks.Verification(m.verifiedAs), Registered: key != "stranger",
			Youth: m.ageBand == "18_24"}}
		if rp.p.Registered {
			rp.who.Roles = []igfplus.Role{igfplus.RoleParticipant}
		} else {
			pgtest.Exec(t, db, `DELETE FROM account_roles WHERE role = 'participant' AND account_id = $1`, p.ID)
		}
		out[key] = rp
	}
	return out
}

// TestTrackRulesOverHTTPAndTheWebSocket: in a live ministerial round
// table, a participant who is not a verified delegate follows
// the room but is refused chat over HTTP and chat and floor requests over
// real WebSocket frames, with a message naming the rule; a minister,
// verified as a government delegate, takes part both ways.
func TestTrackRulesOverHTTPAndTheWebSocket(t *testing.T) {
	r := newMinisterialRoom(t)
	c, f, n, session, chat, observerToken := r.c, r.f, r.n, r.session, r.chat, r.sophie
	ministerP := f.Person(t, "Aigerim Nurlanovna", "government", "asia_pacific")
	pgtest.Exec(t, openDB(t, c), `UPDATE accounts SET verified_as = 'government_delegate' WHERE id = $1`, ministerP.ID)
	ministerToken := signInAs(t, n, ministerP)
	var problem struct{ Detail string }
	api(t, n, "POST", chat, observerToken, `{"body":"May I speak?"}`, 403, &problem)
	if problem.Detail != string(tracks.ObserverReason(tracks.Ministerial)) {
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
	r := newMinisterialRoom(t)
	f, n, chat, token := r.f, r.n, r.chat, r.sophie
	api(t, n, "POST", chat, token, `{"body":"Before"}`, 403, nil)
	var req struct {
		ID    int64
		State string
	}
	api(t, n, "POST", "/api/me/verification", token, `{"verify_as":"intergovernmental_delegate","note":"OECD delegation"}`, 201, &req)
	accept := "/api/verifications/" + strconv.FormatInt(req.ID, 10) + "/accept"
	api(t, n, "POST", accept, token, `{"reason":"self-service"}`, 403, nil)
	secretariat := signInAs(t, n, f.Secretariat)
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

// ministerialRoom is a node serving the test's own forum, whose
// ministerial round table is live, and Sophie, a participant who is no
// delegate, signed in.
type ministerialRoom struct {
	c       cluster
	f       *forumtest.Forum
	n       *node
	session int64
	chat    string // the session's chat in the API
	sophie  string // Sophie's access token
}

func newMinisterialRoom(t *testing.T) ministerialRoom {
	t.Helper()
	r := ministerialRoom{c: newCluster(t)}
	r.f = newForum(t, r.c)
	r.session, _ = r.f.LiveSessionIn(t, r.f.Track(t, "ministerial"), "Ministerial round table")
	sophie := r.f.Person(t, "Sophie Martin", "private_sector", "western_european_others")
	r.n = startNode(t, r.c)
	r.chat = "/api/sessions/" + strconv.FormatInt(r.session, 10) + "/chat"
	r.sophie = signInAs(t, r.n, sophie)
	return r
}
