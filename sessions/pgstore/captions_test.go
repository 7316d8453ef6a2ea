package pgstore_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/igfplus/igfplus/migrations"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// texts are the lines of channel (every channel's for 0), in order.
func texts(lines []sessions.Caption, channel int64) []string {
	var out []string
	for _, l := range lines {
		if channel == 0 || l.ChannelID == channel {
			out = append(out, l.Text)
		}
	}
	return out
}

func TestTwoCaptionChannelsRunAtOnceEachFromItsCaptioners(t *testing.T) {
	f, ctx := newFixture(t)
	english := f.person(t, "Layla Haddad", "technical_community", "asia_pacific")
	french := f.person(t, "Jean-Pierre Ndiaye", "intergovernmental", "intergovernmental")
	for _, c := range []igfplus.Identity{english, french} {
		f.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'captioner')`, f.live.ID, c.AccountID)
	}
	if _, err := f.svc.SetUpCaptionChannel(ctx, f.amina, f.live.ID, "fr", french.AccountID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant setting up a channel: %v, want forbidden", err)
	}
	if _, err := f.svc.SetUpCaptionChannel(ctx, f.moderator, f.live.ID, "fr", f.amina.AccountID); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("a channel given to someone who does not caption: %v, want invalid", err)
	}
	if _, err := f.svc.SetUpCaptionChannel(ctx, f.moderator, f.live.ID, "French", 0); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("a language that is not a code: %v, want invalid", err)
	}
	en, err := f.svc.SetUpCaptionChannel(ctx, f.moderator, f.live.ID, "en", english.AccountID)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := f.svc.SetUpCaptionChannel(ctx, f.moderator, f.live.ID, "fr", french.AccountID)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := f.svc.SetUpCaptionChannel(ctx, f.moderator, f.live.ID, "fr", 0); err != nil || again.ID != fr.ID ||
		len(again.Captioners) != 1 || again.Captioners[0] != (sessions.ChannelCaptioner{AccountID: french.AccountID, Name: "Jean-Pierre Ndiaye"}) {
		t.Fatalf("setting up French again: %+v, %v, want the same channel with its captioner", again, err)
	}

	// Both channels at once, each captioner in their own; without a
	// channel (an older client), a captioner's line goes to their own.
	send := func(who igfplus.Identity, channel int64, text string) {
		t.Helper()
		c, err := f.svc.AddCaption(ctx, who, f.live.ID, channel, text)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if c.ChannelID == 0 || c.Language == "" {
			t.Fatalf("%q stored without its channel: %+v", text, c)
		}
	}
	send(english, en.ID, "Welcome, everyone.")
	send(french, fr.ID, "Bienvenue à toutes et à tous.")
	send(english, 0, "Our first speaker joins from Nairobi.")
	send(french, 0, "Notre première intervenante est à Nairobi.")
	if _, err := f.svc.AddCaption(ctx, english, f.live.ID, fr.ID, "Not my channel."); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a captioner in another's channel: %v, want forbidden", err)
	}
	if _, err := f.svc.AddCaption(ctx, english, f.live.ID, en.ID+fr.ID+100, "Nowhere."); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("a channel of no session: %v, want not found", err)
	}

	got, err := f.svc.Transcript(ctx, f.amina, f.live.ID)
	if err != nil {
		t.Fatal(err)
	}
	if w := []string{"Welcome, everyone.", "Our first speaker joins from Nairobi."}; !slices.Equal(texts(got, en.ID), w) {
		t.Errorf("the English transcript %q, want %q", texts(got, en.ID), w)
	}
	if w := []string{"Bienvenue à toutes et à tous.", "Notre première intervenante est à Nairobi."}; !slices.Equal(texts(got, fr.ID), w) {
		t.Errorf("the French transcript %q, want %q", texts(got, fr.ID), w)
	}
	// Each caption.added names its channel.
	var frames []string
	for _, ev := range f.pub.Events() {
		if ev.Type == "caption.added" {
			frames = append(frames, string(ev.Frame))
		}
	}
	if len(frames) != 4 || !strings.Contains(frames[1], `"language":"fr"`) || !strings.Contains(frames[0], `"language":"en"`) {
		t.Errorf("caption.added events %q, want each with its channel's language", frames)
	}

	// A channel with lines is a transcript: kept. An empty one goes.
	if err := f.svc.RemoveCaptionChannel(ctx, f.moderator, f.live.ID, fr.ID); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("removing a channel with lines: %v, want conflict", err)
	}
	es, err := f.svc.SetUpCaptionChannel(ctx, f.moderator, f.live.ID, "es", 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.RemoveCaptionChannel(ctx, f.moderator, f.live.ID, es.ID); err != nil {
		t.Errorf("removing an empty channel: %v", err)
	}
	channels, err := f.svc.CaptionChannels(ctx, f.amina, f.live.ID)
	if err != nil || len(channels) != 2 || channels[0].ID != en.ID || channels[1].ID != fr.ID {
		t.Errorf("channels %+v, %v: want English then French", channels, err)
	}

	// The wall shows the first channel's lines, or the chosen one's (a
	// channel that is not the session's: the first), naming no captioner.
	for _, c := range []struct{ chosen, want int64 }{{0, en.ID}, {fr.ID, fr.ID}, {es.ID, en.ID}} {
		w, err := f.svc.WallOf(ctx, f.live.ID, c.chosen)
		if err != nil || w.Channel.ID != c.want || len(w.Captions) != 2 || len(texts(w.Captions, c.want)) != 2 || len(w.Channels) != 2 ||
			w.Channels[0].Captioners != nil || w.Channel.Captioners != nil {
			t.Errorf("the wall with channel %d: %+v, %v; want channel %d's lines and no captioners", c.chosen, w, err, c.want)
		}
	}

	// A public session's captions need no sign-in; another's do.
	if got, err := f.svc.Transcript(ctx, igfplus.Identity{}, f.live.ID); err != nil || len(got) != 4 {
		t.Errorf("a public session's transcript, signed out: %d lines, %v", len(got), err)
	}
	f.db.Pool.Exec(ctx, `UPDATE sessions SET requires_registration = true WHERE id = $1`, f.live.ID)
	if _, err := f.svc.Transcript(ctx, igfplus.Identity{}, f.live.ID); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Errorf("a session with registration's transcript, signed out: %v, want unauthorized", err)
	}
	if _, err := f.svc.CaptionChannels(ctx, igfplus.Identity{}, f.live.ID); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Errorf("a session with registration's channels, signed out: %v, want unauthorized", err)
	}
}

func TestACaptionerOfASessionNobodySetUpCaptionsIntoItsDefaultChannel(t *testing.T) {
	f, ctx := newFixture(t)
	captioner := f.person(t, "Layla Haddad", "technical_community", "asia_pacific")
	f.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'captioner')`, f.live.ID, captioner.AccountID)
	first, err := f.svc.AddCaption(ctx, captioner, f.live.ID, 0, "Welcome.")
	if err != nil {
		t.Fatal(err)
	}
	second, err := f.svc.AddCaption(ctx, captioner, f.live.ID, 0, "Let us begin.")
	if err != nil {
		t.Fatal(err)
	}
	channels, err := f.svc.CaptionChannels(ctx, f.amina, f.live.ID)
	if err != nil || len(channels) != 1 || first.ChannelID != channels[0].ID || second.ChannelID != first.ChannelID || channels[0].Language != "en" {
		t.Errorf("channels %+v (%v), lines in %d and %d: want one default channel in the session's language", channels, err, first.ChannelID, second.ChannelID)
	}
}

// The captions written before channels existed are moved into a default
// channel in each session's language by migration 0034.
func TestMigrationMovesEarlierCaptionsIntoADefaultChannel(t *testing.T) {
	f, ctx := newFixture(t)
	db := stdlib.OpenDBFromPool(f.db.Pool)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 33); err != nil {
		t.Fatal(err)
	}
	f.db.Pool.Exec(ctx, `UPDATE sessions SET language = 'fr' WHERE id = $1`, f.live.ID)
	f.db.Pool.Exec(ctx, `UPDATE sessions SET language = 'es' WHERE id = $1`, f.idle.ID)
	for _, c := range []struct {
		session int64
		text    string
	}{{f.live.ID, "Bonjour."}, {f.idle.ID, "Hola."}, {f.live.ID, "Commençons."}} {
		if _, err := f.db.Pool.Exec(ctx, `INSERT INTO captions (session_id, captioner_id, text) VALUES ($1, $2, $3)`,
			c.session, f.moderator.AccountID, c.text); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	channels, err := f.svc.CaptionChannels(ctx, f.amina, f.live.ID)
	if err != nil || len(channels) != 1 || channels[0].Language != "fr" {
		t.Fatalf("channels %+v, %v: want the default one, in the session's language", channels, err)
	}
	got, err := f.svc.Transcript(ctx, f.amina, f.live.ID)
	if w := []string{"Bonjour.", "Commençons."}; err != nil || !slices.Equal(texts(got, channels[0].ID), w) || len(got) != 2 {
		t.Errorf("the transcript %+v, %v: want %q in the default channel", got, err, w)
	}
	// Each session's lines in its own default channel.
	channels, err = f.svc.CaptionChannels(ctx, f.moderator, f.idle.ID)
	if err != nil || len(channels) != 1 || channels[0].Language != "es" {
		t.Fatalf("the other session's channels %+v, %v", channels, err)
	}
	got, err = f.svc.Transcript(ctx, f.moderator, f.idle.ID)
	if err != nil || !slices.Equal(texts(got, channels[0].ID), []string{"Hola."}) || len(got) != 1 {
		t.Errorf("the other session's transcript %+v, %v", got, err)
	}
}

func TestOnlyCaptionersCaptionAndTheTranscriptIsKept(t *testing.T) {
	f, ctx := newFixture(t)
	captioner := f.person(t, "Layla Haddad", "technical_community", "asia_pacific")
	participant := f.amina
	if _, err := f.svc.AddCaption(ctx, captioner, f.live.ID, 0, "Welcome everyone."); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("captioning without the role: %v, want forbidden", err)
	}
	f.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'captioner')`, f.live.ID, captioner.AccountID)
	for _, line := range []string{"Welcome everyone.", "Our first speaker is from Nairobi."} {
		if _, err := f.svc.AddCaption(ctx, captioner, f.live.ID, 0, line); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.svc.Transcript(ctx, participant, f.live.ID)
	if err != nil || len(got) != 2 || got[1].Text != "Our first speaker is from Nairobi." {
		t.Fatalf("transcript %+v, %v", got, err)
	}
}

// A captioner a moderator muted, removed or banned sends no more captions,
// whichever way the line comes (the socket's join refuses the removed; the
// form and REST paths reach AddCaption directly).
func TestRestrictedCaptionersCaptionNoMore(t *testing.T) {
	f, ctx := newFixture(t)
	for _, r := range []sessions.Restriction{sessions.Muted, sessions.Removed, sessions.Banned} {
		captioner := f.person(t, "Captioner "+string(r), "technical_community", "asia_pacific")
		f.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'captioner')`, f.live.ID, captioner.AccountID)
		if _, err := f.svc.AddCaption(ctx, captioner, f.live.ID, 0, "Before."); err != nil {
			t.Fatalf("%s: captioning before the restriction: %v", r, err)
		}
		if err := f.svc.Restrict(ctx, f.moderator, f.live.ID, captioner.AccountID, r, ""); err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		if _, err := f.svc.AddCaption(ctx, captioner, f.live.ID, 0, "After."); igfplus.ErrorCode(err) != igfplus.EForbidden {
			t.Errorf("%s captioner's line: %v, want forbidden", r, err)
		}
	}
	got, err := f.svc.Transcript(ctx, f.moderator, f.live.ID)
	if err != nil || len(got) != 3 {
		t.Errorf("transcript %+v, %v: want the three lines sent before the restrictions", got, err)
	}
}
