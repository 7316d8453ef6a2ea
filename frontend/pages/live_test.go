package pages

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestModeratorPageIsForbiddenToParticipants(t *testing.T) {
	f := newFixture(t)
	w := f.get("/sessions/1/moderate?lang=fr", "Amina")
	wantStatus(t, w, http.StatusForbidden)
	mustContain(t, w.Body.String(), `<html lang="fr" dir="ltr">`, "Seuls les modérateurs de la session peuvent faire cela.")
	if strings.Contains(w.Body.String(), `value="floor.grant"`) {
		t.Error("the 403 page carries moderator controls")
	}
	wantSignInFirst(t, f.get("/sessions/1/moderate", ""), "/sessions/1/moderate")
}

func TestModeratorPageHasTheControlsAndTheirStrings(t *testing.T) {
	f := newFixture(t)
	body := f.get("/sessions/1/moderate", "Lucia").Body.String()
	mustContain(t, body, `value="floor.grant"`, `value="floor.end"`, `value="agenda.start"`, `value="session.move"`,
		`value="participant.restrict"`, `"client.mod.floor_grant":"Give the floor"`, `data-moderator="true"`)
	// The participants' room leaves the moderators' words out.
	room := f.get("/sessions/1", "Amina").Body.String()
	if strings.Contains(room, "client.mod.") || strings.Contains(room, `value="floor.grant"`) {
		t.Error("the participants' room carries moderator strings or controls")
	}
}

func TestRoomShowsTheQueuePositionQuestionsAndTimeBox(t *testing.T) {
	f := newFixture(t)
	body := f.get("/sessions/1", "Amina").Body.String()
	mustContain(t, body,
		`<p id="floor-mine" class="status" role="status" aria-live="polite" tabindex="-1">You are number 2 in the queue.</p>`,
		`<span id="timebox-left" class="timer">37:00 left</span>`, `aria-current="step"`,
		`data-granted-at="2025-06-23T09:09:00Z" data-limit="180" data-warn="150">Speaking for 1:00 of 3:00</p>`,
		`<span class="badge">Point of order</span>`, `aria-pressed="false"`,
		`role="log" aria-live="polite" aria-labelledby="cap-h cap-name-1" lang="en"`, "Welcome to the workshop.")
	// Pinned first, answered last; the merged duplicate is not listed.
	order := []int{strings.Index(body, `id="q-43"`), strings.Index(body, `id="q-40"`), strings.Index(body, `id="q-41"`)}
	if !slices.IsSorted(order) || order[0] < 0 || strings.Contains(body, `id="q-42"`) {
		t.Errorf("questions in the wrong order or the merged one shown: %v", order)
	}
	if strings.Contains(body, `id="floor-request"`) && !strings.Contains(body, `id="floor-request" class="act" method="post" action="/sessions/1/act" hidden`) {
		t.Error("the request form is shown to someone already queued")
	}
}

func TestDestructiveFormsAskToConfirmFirstWithoutJavaScript(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		form           url.Values
		question, want string
		reason         bool
	}{
		{url.Values{"type": {"participant.restrict"}, "account_id": {"8"}, "restriction": {"banned"}, "back": {"moderate"}},
			"Ban this person from the session?", "participant.restrict 1 8 banned", true},
		{url.Values{"type": {"participant.restrict"}, "account_id": {"8"}, "restriction": {"removed"}, "back": {"moderate"}},
			"Remove this person from the session?", "participant.restrict 1 8 removed", true},
		{url.Values{"type": {"chat.remove"}, "message_id": {"7"}, "back": {"moderate"}}, "Remove this message for everyone?", "chat.remove 1 7", true},
		{url.Values{"type": {"session.move"}, "state": {"ended"}, "back": {"moderate"}}, "End the session for everyone?", "session.move 1 ended", false},
	} {
		before := len(f.sessions.acts)
		w := f.post("/sessions/1/act", "Lucia", tt.form)
		wantStatus(t, w, http.StatusOK)
		body := w.Body.String()
		mustContain(t, body, tt.question, `<input type="hidden" name="confirmed" value="true">`, `action="/sessions/1/act"`,
			`<input type="hidden" name="type" value="`+tt.form.Get("type")+`">`, `href="/sessions/1/moderate#`)
		if got := strings.Contains(body, `name="reason"`); got != tt.reason {
			t.Errorf("%s: reason field offered %v, want %v", tt.want, got, tt.reason)
		}
		if len(f.sessions.acts) != before {
			t.Errorf("%s carried out before it was confirmed: %q", tt.want, f.sessions.acts[before:])
		}
		tt.form.Set("confirmed", "true")
		wantStatus(t, f.post("/sessions/1/act", "Lucia", tt.form), http.StatusSeeOther)
		if n := len(f.sessions.acts); n == 0 || f.sessions.acts[n-1] != tt.want {
			t.Errorf("confirmed: carried out %q, want %q", f.sessions.acts, tt.want)
		}
	}
}

func TestActionFormsWorkWithoutJavaScript(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		form url.Values
		want string
		back string
	}{
		{url.Values{"type": {"floor.request"}, "mode": {"remote_hub"}, "point_of_order": {"true"}}, "floor.request 1 remote_hub true", "/sessions/1#floor"},
		{url.Values{"type": {"question.ask"}, "body": {"Why?"}}, `question.ask 1 "Why?" false`, "/sessions/1#questions"},
		{url.Values{"type": {"question.upvote"}, "question_id": {"40"}}, "question.upvote 1 40", "/sessions/1#questions"},
		{url.Values{"type": {"floor.grant"}, "request_id": {"32"}, "back": {"moderate"}}, "floor.grant 1 32", "/sessions/1/moderate#floor"},
		{url.Values{"type": {"question.change"}, "question_id": {"40"}, "answered": {"true"}, "back": {"moderate"}}, "question.change 1 40 pinned=- answered=true merged=0", "/sessions/1/moderate#questions"},
		{url.Values{"type": {"participant.restrict"}, "account_id": {"8"}, "restriction": {"banned"}, "back": {"moderate"}, "confirmed": {"true"}}, "participant.restrict 1 8 banned", "/sessions/1/moderate#chat"},
		{url.Values{"type": {"participant.restrict"}, "account_id": {"8"}, "restriction": {"muted"}, "back": {"moderate"}}, "participant.restrict 1 8 muted", "/sessions/1/moderate#chat"},
		{url.Values{"type": {"participant.lift"}, "account_id": {"8"}, "back": {"moderate"}}, "participant.lift 1 8", "/sessions/1/moderate#restrictions"},
		{url.Values{"type": {"session.move"}, "state": {"ended"}, "back": {"moderate"}, "confirmed": {"true"}}, "session.move 1 ended", "/sessions/1/moderate#agenda"},
		{url.Values{"type": {"agenda.next"}, "back": {"moderate"}}, "agenda.next 1", "/sessions/1/moderate#agenda"},
		{url.Values{"type": {"agenda.extend"}, "minutes": {"5"}, "back": {"moderate"}}, "agenda.extend 1 5", "/sessions/1/moderate#agenda"},
		{url.Values{"type": {"agenda.move"}, "item_id": {"3"}, "position": {"2"}, "back": {"moderate"}}, "agenda.move 1 3 2", "/sessions/1/moderate#agenda"},
		{url.Values{"type": {"question.hide"}, "question_id": {"40"}, "reason": {"Off topic"}, "back": {"moderate"}}, "question.hide 1 40", "/sessions/1/moderate#questions"},
	}
	for _, tt := range tests {
		w := f.post("/sessions/1/act", "Lucia", tt.form)
		wantStatus(t, w, http.StatusSeeOther)
		if got := w.Header().Get("Location"); got != tt.back {
			t.Errorf("%s: back to %q, want %q", tt.want, got, tt.back)
		}
		if n := len(f.sessions.acts); n == 0 || f.sessions.acts[n-1] != tt.want {
			t.Errorf("carried out %q, want %q", f.sessions.acts, tt.want)
		}
	}
	wantStatus(t, f.post("/sessions/1/act", "Lucia", url.Values{"type": {"eval"}}), http.StatusUnprocessableEntity)
	w := f.post("/sessions/1/act", "", url.Values{"type": {"floor.withdraw"}})
	wantStatus(t, w, http.StatusSeeOther)
	if !strings.HasPrefix(w.Header().Get("Location"), "/api/auth/resume") {
		t.Errorf("anonymous action: Location %q", w.Header().Get("Location"))
	}
}
