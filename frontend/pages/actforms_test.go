package pages

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/live/actions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

var (
	formRe    = regexp.MustCompile(`(?s)<form\b([^>]*)>(.*?)</form>`)
	attrRe    = regexp.MustCompile(`([a-z][a-z-]*)(?:="([^"]*)")?`)
	controlRe = regexp.MustCompile(`<(?:input|select|textarea|button)\b[^>]*>`)
	actPathRe = regexp.MustCompile(`^/sessions/\d+/act$`)
	alertRe   = regexp.MustCompile(`<[a-z]+ [^>]*class="error"[^>]*role="alert"`)
)

// attrs reads a tag's attributes (the pages' own markup: quoted values).
func attrs(tag string) map[string]string {
	out := map[string]string{}
	for _, m := range attrRe.FindAllStringSubmatch(tag, -1) {
		out[m[1]] = html.UnescapeString(m[2])
	}
	return out
}

// actionForm is an action form found on a page.
type actionForm struct {
	page, markup, action string
	fields               map[string]string // name: value of each control
	hasAlert             bool              // an error region in the form or its section
}

// actionForms finds the forms of a page that are room actions: those that
// post to /sessions/{id}/act, and on a page running the room client
// (app.js), every form of class "act", which the client sends over the
// socket instead of posting it.
func actionForms(page, body string) []actionForm {
	client := strings.Contains(body, `/assets/app.`)
	var out []actionForm
	for _, loc := range formRe.FindAllStringSubmatchIndex(body, -1) {
		a := attrs(body[loc[2]:loc[3]])
		classes := strings.Fields(a["class"])
		if !actPathRe.MatchString(a["action"]) && !(client && slices.Contains(classes, "act")) {
			continue
		}
		f := actionForm{page: page, markup: body[loc[0]:loc[1]], action: a["action"], fields: map[string]string{}}
		for _, tag := range controlRe.FindAllString(body[loc[4]:loc[5]], -1) {
			if c := attrs(tag); c["name"] != "" {
				f.fields[c["name"]] = c["value"]
			}
		}
		// The region the client writes a refusal into: the form's own, or
		// its section's (sections do not nest on these pages).
		start := strings.LastIndex(body[:loc[0]], "<section")
		end := strings.Index(body[loc[1]:], "</section>")
		f.hasAlert = alertRe.MatchString(f.markup) || (start >= 0 && end >= 0 && alertRe.MatchString(body[start:loc[1]+end]))
		out = append(out, f)
	}
	return out
}

// TestEveryActionFormPostsADeclaredAction renders every page the pages
// serve, as a visitor, a participant and a moderator, and checks each
// action form: it names an action the dispatcher knows (its "type"), sends
// only that action's fields, posts to /sessions/{id}/act (so that it works
// without JavaScript through the same declaration), and has an error
// region where the client shows a refusal. A form without a type was the
// moderator's "Open the poll": sent over the socket as {"ref":"a1"}, it
// was refused as invalid, and nothing said so.
func TestEveryActionFormPostsADeclaredAction(t *testing.T) {
	f, fv := pollFixture(t)
	fv.polls[3] = voting.Poll{ID: 3, State: voting.Draft, Settings: voting.Settings{RecommendationID: 7, SessionID: 1,
		Question: "Adopt the amended text?", Kind: voting.YesNoAbstain, Rule: voting.Majority}}
	f.sessions.waiting = []sessions.Waiter{{AccountID: 27, Name: "Sophie Martin", StakeholderGroup: igfplus.PrivateSector, Region: igfplus.WesternEuropeanOthers}}
	var pages []string
	for _, r := range f.e.Routes() {
		if r.Method != http.MethodGet || strings.Contains(r.Path, "*") {
			continue
		}
		for _, id := range []string{"1", "2", "3"} {
			pages = append(pages, strings.ReplaceAll(r.Path, ":id", id))
		}
	}
	slices.Sort(pages)
	pages = slices.Compact(pages)
	seen := map[string]bool{}
	for _, page := range pages {
		for _, user := range []string{"", "Amina", "Lucia"} {
			w := f.get(page+"?lang=en", user)
			if w.Code != http.StatusOK || !strings.Contains(w.Header().Get("Content-Type"), "text/html") {
				continue
			}
			for _, form := range actionForms(page+" as "+user, w.Body.String()) {
				seen[form.fields["type"]] = true
				checkActionForm(t, form)
			}
		}
	}
	// The walk reached the live pages' forms, the moderator's poll
	// controls among them.
	for _, typ := range []string{"floor.request", "question.ask", "question.upvote", "floor.grant", "participant.restrict",
		"session.move", "agenda.start", "admission.admit", "session.settings", "chat.report", "poll.open", "poll.close"} {
		if !seen[typ] {
			t.Errorf("no page has a %s form: the walk missed the live pages", typ)
		}
	}
}

func checkActionForm(t *testing.T, f actionForm) {
	t.Helper()
	typ, ok := f.fields["type"]
	if !ok || typ == "" {
		t.Errorf("%s: an action form without a type:\n%s", f.page, f.markup)
		return
	}
	spec, ok := actions.Lookup(typ)
	if !ok {
		t.Errorf("%s: an action form posts %q, which the dispatcher does not know:\n%s", f.page, typ, f.markup)
		return
	}
	if !actPathRe.MatchString(f.action) {
		t.Errorf("%s: the %s form posts to %q, not /sessions/{id}/act: without JavaScript it would not reach the same action", f.page, typ, f.action)
	}
	for name := range f.fields {
		if name == "type" || name == "back" {
			continue
		}
		if !slices.ContainsFunc(spec.Fields, func(fd actions.Field) bool { return fd.Name == name }) {
			t.Errorf("%s: the %s form sends %q, which is not one of its fields", f.page, typ, name)
		}
	}
	if !f.hasAlert {
		t.Errorf("%s: the %s form has no error region (class=\"error\" role=\"alert\") in it or its section: a refusal would show nowhere", f.page, typ)
	}
}

// TestPollControlsWorkWithoutJavaScript: the moderator's poll forms post
// poll.open and poll.close to /sessions/{id}/act, which opens and closes
// the session's polls through voting and comes back to the polls panel; a
// poll of another session is not found there.
func TestPollControlsWorkWithoutJavaScript(t *testing.T) {
	f, fv := pollFixture(t)
	fv.polls[2] = voting.Poll{ID: 2, State: voting.Closed, Settings: voting.Settings{SessionID: 3}}
	for _, tt := range []struct{ typ, poll, run string }{{"poll.open", "1", "open 1"}, {"poll.close", "1", "close 1"}} {
		w := f.post("/sessions/1/act", "Lucia", url.Values{"type": {tt.typ}, "poll_id": {tt.poll}, "back": {"moderate"}})
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/sessions/1/moderate#polls" {
			t.Errorf("%s: %d to %q, want 303 to the moderator's polls", tt.typ, w.Code, w.Header().Get("Location"))
		}
		if n := len(fv.runs); n == 0 || fv.runs[n-1] != tt.run {
			t.Errorf("%s: voting did %q, want %q", tt.typ, fv.runs, tt.run)
		}
	}
	before := len(fv.runs)
	wantStatus(t, f.post("/sessions/1/act", "Lucia", url.Values{"type": {"poll.close"}, "poll_id": {"2"}}), http.StatusNotFound)
	wantStatus(t, f.post("/sessions/1/act", "Lucia", url.Values{"type": {"poll.open"}}), http.StatusUnprocessableEntity)
	if len(fv.runs) != before {
		t.Errorf("refused poll forms reached voting: %q", fv.runs[before:])
	}
}
