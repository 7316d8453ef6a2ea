package e2e

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/frontend/i18n/i18ntest"
)

// shownText is what a reader sees or hears of the page once its scripts
// ran: its text nodes and label attributes, spaces collapsed; not scripts
// and styles, nor what says its own language (the language menu's
// "English", a session title kept in its source language).
const shownText = `(() => {
	const page = document.documentElement.lang, out = [];
	const own = (el) => (el.closest("[lang]")?.getAttribute("lang") ?? page) === page;
	const clean = (s) => s.replace(/\s+/g, " ").trim();
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n; (n = walk.nextNode()); ) {
		const el = n.parentElement;
		if (!el || el.closest("script, style, template") || !own(el)) continue;
		const s = clean(n.textContent);
		if (s) out.push(s);
	}
	for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
		if (!own(el)) continue;
		for (const a of ["aria-label", "title", "placeholder", "alt"]) {
			const s = clean(el.getAttribute(a) ?? "");
			if (s) out.push(s);
		}
	}
	return out;
})()`

// TestBrowserEveryLanguageShowsTheRoomProgrammePollAndSignInInItself opens
// the sign-in page, the programme, a live session's room and an open poll
// in Chromium, scripts on, in each of the six languages: <html> says the
// language and its direction, axe-core finds no violation, and no piece of
// text the reader is shown, the scripts' own included, is the English of
// a message the language translates differently.
func TestBrowserEveryLanguageShowsTheRoomProgrammePollAndSignInInItself(t *testing.T) {
	src := axeSetUp(t)
	english := i18ntest.New(t)
	c := newCluster(t)
	f := newForum(t, c)
	n := startNode(t, c)
	moderator := signInAs(t, n, f.Moderator)
	poll := draftPoll(t, c, n, f.Session, moderator)
	api(t, n, http.MethodPost, fmt.Sprintf("/api/polls/%d/open", poll), moderator, "", http.StatusOK, nil)
	room := fmt.Sprintf("/sessions/%d", f.Session)

	anonymous := chromiumtest.New(t)
	reader := chromiumtest.New(t)
	enterAs(t, reader, n, f.Moderator.Email, room)
	pages := []struct {
		ctx   context.Context
		path  string
		ready string // a predicate: the page has settled
	}{
		{anonymous, "/signin", `document.getElementById("email") !== null`},
		{reader, "/", `document.querySelector("main") !== null`},
		{reader, room, `document.getElementById("chat-log") !== null`},
		{reader, fmt.Sprintf("/polls/%d", poll), `document.getElementById("ballot-form")?.hidden === false`},
	}
	checked := 0
	for _, lang := range []string{"en", "fr", "ar", "es", "zh", "ru"} {
		for _, p := range pages {
			where := p.path + " in " + lang
			open(t, p.ctx, n.URL+p.path+"?lang="+lang)
			waitFor(t, p.ctx, 10*time.Second, where, p.ready)
			if p.path == room {
				waitLive(t, p.ctx)
			}
			if got, want := eval[string](t, p.ctx, 5*time.Second, `document.documentElement.lang + " " + document.documentElement.dir`), lang+" "+i18n.Dir(lang); got != want {
				t.Errorf("%s: <html> lang and dir %q, want %q", where, got, want)
			}
			chromiumtest.CheckAxe(t, p.ctx, src, where)
			shown := eval[[]string](t, p.ctx, 5*time.Second, shownText)
			checked += len(shown)
			if lang == i18n.Default {
				continue
			}
			for _, left := range english.English(t, lang, shown) {
				t.Errorf("%s shows %q, the English of %s", where, left.Text, left.ID)
			}
		}
	}
	if checked < 500 {
		t.Fatalf("only %d pieces of text checked", checked)
	}
}
