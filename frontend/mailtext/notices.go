package mailtext

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/tracks/mail"
	"github.com/igfplus/igfplus/tracks/notify"
)

var _ notify.Writer = (*Renderer)(nil)

// unsubscribe ends the notification d with the link turning its kind off,
// and gives m the RFC 8058 headers naming the same link: a mail client
// offers it as "Unsubscribe" and POSTs List-Unsubscribe=One-Click to it.
func (r *Renderer) unsubscribe(m *mail.Message, d *letterData, t func(string, map[string]any) string, kind notify.Kind, token string) {
	link := r.base + "/unsubscribe?" + url.Values{"token": {token}}.Encode()
	d.Unsubscribe, d.UnsubscribeLink = t("mail.unsubscribe."+string(kind), nil), link
	m.Headers = map[string]string{
		"List-Unsubscribe":      "<" + link + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	}
}

// Reminder implements notify.Writer: the session's title and start in the
// edition's time zone with its offset from UTC, linking to its room.
func (r *Renderer) Reminder(rem notify.Reminder, token string) (mail.Message, error) {
	loc := r.cat.Localizer(rem.To.Locale)
	t, err := translator(loc)
	when := map[string]any{"Title": rem.Title, "Time": rem.StartsAt.Format("2006-01-02 15:04"), "Offset": i18n.UTCOffset(rem.StartsAt)}
	d := letterData{Lang: loc.Lang(), Dir: loc.Dir(), Link: r.base + "/sessions/" + strconv.FormatInt(rem.SessionID, 10),
		Greeting: t("mail.greeting", map[string]any{"Name": rem.To.Name}),
		Intro:    t("mail.reminder.intro", when), Action: t("mail.reminder.action", nil),
		Expires: t("mail.reminder.why", nil), LinkHint: t("mail.link_hint", nil), Signature: t("mail.signature", nil)}
	m := mail.Message{Kind: "reminder", To: rem.To.Email, Subject: t("mail.reminder.subject", when)}
	r.unsubscribe(&m, &d, t, notify.Reminders, token)
	if *err != nil {
		return mail.Message{}, fmt.Errorf("mailtext: reminder in %s: %w", rem.To.Locale, *err)
	}
	return r.write(m, d)
}

// Activity implements notify.Writer: who commented on or amended which of
// one's recommendations, linking to it.
func (r *Renderer) Activity(to notify.Recipient, e notify.Event, token string) (mail.Message, error) {
	loc := r.cat.Localizer(to.Locale)
	t, err := translator(loc)
	d := letterData{Lang: loc.Lang(), Dir: loc.Dir(), Link: r.base + "/recommendations/" + strconv.FormatInt(e.RecommendationID, 10),
		Greeting: t("mail.greeting", map[string]any{"Name": to.Name}),
		Intro:    eventLine(t, e), Action: t("mail.activity.action", nil),
		Expires: t("mail.activity.why", nil), LinkHint: t("mail.link_hint", nil), Signature: t("mail.signature", nil)}
	m := mail.Message{Kind: "activity", To: to.Email, Subject: t("mail.activity.subject", map[string]any{"Title": e.Title})}
	r.unsubscribe(&m, &d, t, notify.Activity, token)
	if *err != nil {
		return mail.Message{}, fmt.Errorf("mailtext: activity in %s: %w", to.Locale, *err)
	}
	return r.write(m, d)
}

// Digest implements notify.Writer: a day's events, one line each.
func (r *Renderer) Digest(to notify.Recipient, events []notify.Event, token string) (mail.Message, error) {
	loc := r.cat.Localizer(to.Locale)
	t, err := translator(loc)
	d := letterData{Lang: loc.Lang(), Dir: loc.Dir(), Link: r.base + "/recommendations",
		Greeting: t("mail.greeting", map[string]any{"Name": to.Name}),
		Intro:    t("mail.digest.intro", nil), Action: t("mail.digest.action", nil),
		Expires: t("mail.digest.why", nil), LinkHint: t("mail.link_hint", nil), Signature: t("mail.signature", nil)}
	for _, e := range events {
		d.Items = append(d.Items, eventLine(t, e))
	}
	m := mail.Message{Kind: "digest", To: to.Email, Subject: t("mail.digest.subject", nil)}
	r.unsubscribe(&m, &d, t, notify.Activity, token)
	if *err != nil {
		return mail.Message{}, fmt.Errorf("mailtext: digest in %s: %w", to.Locale, *err)
	}
	return r.write(m, d)
}

// eventLine says who did what on which recommendation.
func eventLine(t func(string, map[string]any) string, e notify.Event) string {
	return t("mail.activity."+e.Source, map[string]any{"Actor": e.Actor, "Title": e.Title})
}
