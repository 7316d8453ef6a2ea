// Package mailtext writes the platform's mails: a plain-text body and an
// HTML alternative from one layout, in the recipient's language, from a
// catalogue of its own (locales/, checked like the pages' by
// frontend/i18n: every language has every message), and queues them in
// the mail outbox (Queue, the accounts' Mailer).
package mailtext

import (
	"context"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"net/url"
	"strings"
	texttemplate "text/template"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/mail"
)

//go:embed locales/*.json templates/*
var files embed.FS

// Languages are the mails' languages: the UN languages.
var Languages = []i18n.Language{
	{Tag: "en", Name: "English"}, {Tag: "fr", Name: "Français"}, {Tag: "ar", Name: "العربية"},
	{Tag: "es", Name: "Español"}, {Tag: "zh", Name: "中文"}, {Tag: "ru", Name: "Русский"},
}

// paths are the pages each letter's link opens.
var paths = map[accounts.LetterKind]string{
	accounts.LetterVerifyEmail:   "/verify-email",
	accounts.LetterResetPassword: "/password-reset/confirm",
	accounts.LetterAccountExists: "/password-reset",
	accounts.LetterChangeEmail:   "/email-change",
	accounts.LetterEmailChanging: "/password-reset",
	accounts.LetterEmailTaken:    "/password-reset",
}

// Renderer writes letters.
type Renderer struct {
	cat  *i18n.Catalogue
	base string
	text *texttemplate.Template
	html *htmltemplate.Template
}

// New returns a Renderer whose links start with publicURL.
func New(publicURL string) (*Renderer, error) {
	sub, err := fs.Sub(files, "locales")
	if err != nil {
		return nil, err
	}
	cat, err := i18n.Load(sub, Languages)
	if err != nil {
		return nil, fmt.Errorf("mailtext: %w", err)
	}
	text, err := texttemplate.ParseFS(files, "templates/letter.txt")
	if err != nil {
		return nil, err
	}
	html, err := htmltemplate.ParseFS(files, "templates/letter.html")
	if err != nil {
		return nil, err
	}
	return &Renderer{cat: cat, base: strings.TrimRight(publicURL, "/"), text: text, html: html}, nil
}

// letterData is what the layout shows.
type letterData struct {
	Lang, Dir                                  string
	Greeting, Intro, Action, Expires, LinkHint string
	Ignore, Signature, Link                    string
	// Items lists a digest's events; Unsubscribe and UnsubscribeLink end
	// a notification (the one-click link of its List-Unsubscribe).
	Items                        []string
	Unsubscribe, UnsubscribeLink string
}

// Render writes l as a mail (its Message-ID is left to the outbox).
func (r *Renderer) Render(l accounts.Letter) (mail.Message, error) {
	path, ok := paths[l.Kind]
	if !ok {
		return mail.Message{}, fmt.Errorf("mailtext: no letter %q", l.Kind)
	}
	loc := r.cat.Localizer(l.Locale)
	t, err := translator(loc)
	link := r.base + path
	if l.Token != "" {
		link += "?" + url.Values{"token": {l.Token}}.Encode()
	}
	k := "mail." + string(l.Kind) + "."
	d := letterData{Lang: loc.Lang(), Dir: loc.Dir(), Link: link,
		Greeting: t("mail.greeting", map[string]any{"Name": l.Name}),
		Intro:    t(k+"intro", nil), Action: t(k+"action", nil), Expires: t(k+"expires", nil),
		LinkHint: t("mail.link_hint", nil), Ignore: t("mail.ignore", nil), Signature: t("mail.signature", nil)}
	subject := t(k+"subject", nil)
	if *err != nil {
		return mail.Message{}, fmt.Errorf("mailtext: %s in %s: %w", l.Kind, l.Locale, *err)
	}
	return r.write(mail.Message{Kind: string(l.Kind), To: l.To, Subject: subject}, d)
}

// translator returns a function translating with loc and where it keeps
// the first missing message's error: the function gives "" after it, so
// that a letter is written in one go and its error checked once.
func translator(loc *i18n.Localizer) (func(id string, data map[string]any) string, *error) {
	var err error
	return func(id string, data map[string]any) string {
		if err != nil {
			return ""
		}
		var s string
		s, err = loc.T(id, data)
		return s
	}, &err
}

// write puts d in both bodies of m.
func (r *Renderer) write(m mail.Message, d letterData) (mail.Message, error) {
	var text, html strings.Builder
	if err := r.text.Execute(&text, d); err != nil {
		return mail.Message{}, err
	}
	if err := r.html.Execute(&html, d); err != nil {
		return mail.Message{}, err
	}
	m.Text, m.HTML = text.String(), html.String()
	return m, nil
}

// Queue is the accounts' Mailer: it renders each letter and stores it in
// the outbox.
type Queue struct {
	Renderer *Renderer
	Outbox   mail.Outbox
}

var _ accounts.Mailer = (*Queue)(nil)

// Mail implements accounts.Mailer.
func (q *Queue) Mail(ctx context.Context, l accounts.Letter) error {
	m, err := q.Renderer.Render(l)
	if err != nil {
		return err
	}
	return q.Outbox.Enqueue(ctx, m)
}
