package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/mail/folder"
)

// mailboxData is the Secretariat's view of the mail folder.
type mailboxData struct {
	Letters []folder.Letter
}

// mailbox: GET /admin/mail — every mail an installation without SMTP
// has sent, newest first, for the Secretariat only (the mails hold
// people's links: whoever reads them could set their passwords). An
// installation with SMTP has no such page: its mail leaves it.
func (p *Pages) mailbox(c echo.Context) error {
	if err := p.identity(c).Require(igfplus.RoleSecretariat, "Only the Secretariat reads the platform's mail."); err != nil {
		return err
	}
	letters, err := p.deps.MailFolder.List(c.Request().Context())
	if err != nil {
		return err
	}
	v := p.view(c, "/admin/mail")
	v.Data = &mailboxData{Letters: letters}
	return p.render(c, http.StatusOK, "mailbox", v)
}

// HasMailFolder reports whether the installation keeps its mail for the
// Secretariat's page (it has no SMTP server).
func (v *view) HasMailFolder() bool { return v.p.deps.MailFolder != nil }
