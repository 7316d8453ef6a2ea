package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub/roomclient"
)

// A reader who is not signed in may follow a recommendation's room (it is
// public and read-only), never the room of a session that is not public
// (one that requires registration; a public session's room is its wall's,
// TestBrowserASessionIsFoundFollowedInCalendarsAndOnItsWall); the wiring
// of the real server decides, not a test double.
func TestASignedOutReaderFollowsARecommendationsRoomButNotASessions(t *testing.T) {
	c, f, aminaP, _ := roomPair(t)
	pgtest.Exec(t, openDB(t, c), `UPDATE sessions SET requires_registration = true WHERE id = $1`, f.Session)
	n := startNode(t, c)
	if code := refusedStatus(t, n, f.Session, ""); code != http.StatusUnauthorized {
		t.Fatalf("a signed-out reader joining the session's room: %d, want 401", code)
	}
	moderator := signInAs(t, n, f.Moderator)
	var rec struct {
		ID int64 `json:"id"`
	}
	api(t, n, http.MethodPost, "/api/recommendations", moderator, fmt.Sprintf(`{"policy_issue_id":%d,"track_id":%d,"session_id":%d,
		"title":"Open data","body":"Publish the data."}`, f.PolicyIssueID, f.TrackID, f.Session), http.StatusCreated, &rec)

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	url := roomclient.RecommendationURL(n.URL, rec.ID)
	conn, err := roomclient.Dial(ctx, url, roomclient.Options{Keep: true})
	if err != nil {
		t.Fatalf("a signed-out reader joining the recommendation's room: %v", err)
	}
	defer conn.Close()
	api(t, n, http.MethodPost, fmt.Sprintf("/api/recommendations/%d/comments", rec.ID), signInAs(t, n, aminaP),
		`{"paragraph":1,"body":"Which data?"}`, http.StatusCreated, nil)
	if _, err := conn.WaitFor(ctx, func(fr roomclient.Frame) bool { return fr.Kind() == "comment.added" }); err != nil {
		t.Fatalf("the comment never reached the signed-out reader: %v", err)
	}
	// The room is read-only, for them as for everyone.
	if r, err := conn.Do(ctx, map[string]any{"type": "chat.send", "body": "hello"}); err == nil && r.Err() == nil {
		t.Fatal("a signed-out reader's message was accepted")
	}
	var de *roomclient.DialError
	if _, err := roomclient.Dial(ctx, url, roomclient.Options{Token: "not-a-token"}); !errors.As(err, &de) || de.Status != http.StatusUnauthorized {
		t.Fatalf("a bad token: %v, want 401", err)
	}
}
