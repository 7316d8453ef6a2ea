package pages

import (
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// postChat: POST /sessions/:id/chat — the chat form without JavaScript.
// It posts through the sessions service, as the WebSocket does, and comes
// back to the room; a refused message comes back in the form with the
// reason.
func (p *Pages) postChat(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	here := sessionPath(id)
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, here)
	}
	body := c.FormValue("body")
	_, err = p.deps.Sessions.PostReply(c.Request().Context(), who, id, body, formID(c, "reply_to"))
	switch code := igfplus.ErrorCode(err); code {
	case "":
		return seeOther(c, here+"#chat")
	case igfplus.EUnauthorized:
		return signinFor(c, here)
	case igfplus.EInvalid, igfplus.EConflict, igfplus.ERateLimited, igfplus.EForbidden:
		return p.renderRoom(c, id, statusOf(code), body, code)
	default:
		return err
	}
}
