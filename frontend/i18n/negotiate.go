package i18n

import (
	"net/http"

	"golang.org/x/text/language"
)

// Cookie remembers a language chosen explicitly with ?lang=.
const Cookie = "igf_lang"

// AccountCookie carries the signed-in person's saved language (set at
// sign-in, on each session renewal and when they save their profile), so
// that it wins over the browser's Accept-Language without a query.
const AccountCookie = "igf_account_lang"

// QueryParam is the query parameter that chooses a language explicitly.
const QueryParam = "lang"

// cookieMaxAge keeps the choice for a year.
const cookieMaxAge = 365 * 24 * 60 * 60

// Negotiate returns the interface language for r: an explicit ?lang= if it
// names a supported language, then the igf_lang cookie, then the signed-in
// person's saved language (igf_account_lang), then the best match of
// Accept-Language, then Default.
func (c *Catalogue) Negotiate(r *http.Request) string {
	if tag, ok := c.Supported(r.URL.Query().Get(QueryParam)); ok {
		return tag
	}
	for _, name := range []string{Cookie, AccountCookie} {
		if ck, err := r.Cookie(name); err == nil {
			if tag, ok := c.Supported(ck.Value); ok {
				return tag
			}
		}
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		if prefs, _, err := language.ParseAcceptLanguage(al); err == nil && len(prefs) > 0 {
			_, i, conf := c.matcher.Match(prefs...)
			if conf != language.No {
				return c.langs[i].Tag
			}
		}
	}
	return c.langs[0].Tag
}

// Remember stores lang in the igf_lang cookie when r chose it explicitly
// with ?lang= and the cookie does not already say so, so that the choice
// holds on the following pages.
func (c *Catalogue) Remember(w http.ResponseWriter, r *http.Request, lang string) {
	if tag, ok := c.Supported(r.URL.Query().Get(QueryParam)); !ok || tag != lang {
		return
	}
	if ck, err := r.Cookie(Cookie); err == nil && ck.Value == lang {
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     Cookie,
		Value:    lang,
		Path:     "/",
		MaxAge:   cookieMaxAge,
		HttpOnly: true,
		Secure:   r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https",
		SameSite: http.SameSiteLaxMode,
	})
}
