package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/schedule"
)

// scheduleRoutes registers the Secretariat's scheduling: placements with
// their clashes, the sessions' people and agendas, the CSV import.
func (s *Server) scheduleRoutes(api *echo.Group) {
	if s.deps.Schedule == nil {
		return
	}
	// Every session of the edition with its room, times and people,
	// unscheduled first.
	api.GET("/editions/:id/schedule", listByID(s, "edition", "sessions", s.deps.Schedule.Programme))
	api.POST("/editions/:id/import", s.importProgramme)
	api.POST("/sessions/:id/schedule/check", writeByID(s, "session", http.StatusOK, s.checkPlacement))
	api.PUT("/sessions/:id/schedule", s.placeSession)
	api.GET("/people", s.searchPeople)
	api.POST("/sessions/:id/roles", changeByID(s, "session", s.addSessionRole))
	api.DELETE("/sessions/:id/roles/:account/:role", s.removeSessionRole)
	// A new agenda item {title, minutes}; 201.
	api.POST("/sessions/:id/agenda", writeByID(s, "session", http.StatusCreated, s.deps.Schedule.AddItem))
	api.PUT("/sessions/:id/agenda/:item", s.changeAgendaItem)
	api.DELETE("/sessions/:id/agenda/:item", s.removeAgendaItem)
}

// checkPlacement: POST /api/sessions/{id}/schedule/check {room, starts_at,
// ends_at} — the clashes of that placement; nothing changes.
func (s *Server) checkPlacement(ctx context.Context, who igfplus.Identity, id int64, in schedule.Placement) (map[string]any, error) {
	found, err := s.deps.Schedule.Check(ctx, who, id, in)
	return map[string]any{"clashes": nonNil(found), "blocking": schedule.AnyBlocking(found)}, err
}

// placeSession: PUT /api/sessions/{id}/schedule {room, starts_at, ends_at,
// confirm} — places the session (an unscheduled one becomes scheduled);
// 409 with the clashes when one blocks or they are not confirmed.
func (s *Server) placeSession(c echo.Context) error {
	id, err := pathID(c, "session")
	if err != nil {
		return err
	}
	var in struct {
		schedule.Placement
		Confirm bool `json:"confirm"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	b, found, err := s.deps.Schedule.Place(c.Request().Context(), s.identity(c), id, in.Placement, in.Confirm)
	var refused *schedule.Refused
	if errors.As(err, &refused) {
		return s.problemWith(c, err, "clashes", refused.Clashes)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"session": b, "clashes": nonNil(found)})
}

// importProgramme: POST /api/editions/{id}/import — a CSV file (the body,
// text/csv, or the multipart field "file"): 201 with the sessions made, or
// 422 with every refused row and why, nothing imported.
func (s *Server) importProgramme(c echo.Context) error {
	id, err := pathID(c, "edition")
	if err != nil {
		return err
	}
	body, err := csvBody(c)
	if err != nil {
		return err
	}
	defer body.Close()
	rows, err := schedule.ReadCSV(body)
	if err != nil {
		return err
	}
	ids, refused, err := s.deps.Schedule.Import(c.Request().Context(), s.identity(c), id, rows)
	if len(refused) > 0 {
		return s.problemWith(c, err, "rows", refused)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"imported": len(ids), "session_ids": ids})
}

// csvBody is the uploaded file, or the body itself.
func csvBody(c echo.Context) (io.ReadCloser, error) {
	if strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm) {
		fh, err := c.FormFile("file")
		if err != nil {
			return nil, igfplus.Errorf(igfplus.EInvalid, "Send the CSV file in the field \"file\".")
		}
		return fh.Open()
	}
	return c.Request().Body, nil
}

// searchPeople: GET /api/people?q= — accounts whose name holds q.
func (s *Server) searchPeople(c echo.Context) error {
	return listMine(s, "people", func(ctx context.Context, who igfplus.Identity) ([]schedule.Candidate, error) {
		return s.deps.Schedule.SearchPeople(ctx, who, c.QueryParam("q"))
	})(c)
}

// roleJSON is the body of POST /api/sessions/{id}/roles.
type roleJSON struct {
	AccountID int64         `json:"account_id"`
	Role      schedule.Role `json:"role"`
}

// addSessionRole: POST /api/sessions/{id}/roles {account_id, role}; 204.
func (s *Server) addSessionRole(ctx context.Context, who igfplus.Identity, id int64, in roleJSON) error {
	return s.deps.Schedule.AddRole(ctx, who, id, in.AccountID, in.Role)
}

// removeSessionRole: DELETE /api/sessions/{id}/roles/{account}/{role}; 204.
func (s *Server) removeSessionRole(c echo.Context) error {
	return s.sessionChange(c, func(ctx context.Context, who igfplus.Identity, id int64) error {
		account, _ := strconv.ParseInt(c.Param("account"), 10, 64)
		return s.deps.Schedule.RemoveRole(ctx, who, id, account, schedule.Role(c.Param("role")))
	})
}

// changeAgendaItem: PUT /api/sessions/{id}/agenda/{item} {title,
// minutes}; 204.
func (s *Server) changeAgendaItem(c echo.Context) error {
	return s.sessionChange(c, func(ctx context.Context, who igfplus.Identity, id int64) error {
		var in schedule.Item
		if err := bindJSON(c, &in); err != nil {
			return err
		}
		in.ID, _ = strconv.ParseInt(c.Param("item"), 10, 64)
		return s.deps.Schedule.UpdateItem(ctx, who, id, in)
	})
}

// removeAgendaItem: DELETE /api/sessions/{id}/agenda/{item}; 204.
func (s *Server) removeAgendaItem(c echo.Context) error {
	return s.sessionChange(c, func(ctx context.Context, who igfplus.Identity, id int64) error {
		item, _ := strconv.ParseInt(c.Param("item"), 10, 64)
		return s.deps.Schedule.RemoveItem(ctx, who, id, item)
	})
}

// sessionChange runs a change of session {id} that answers nothing: 204.
func (s *Server) sessionChange(c echo.Context, do func(ctx context.Context, who igfplus.Identity, id int64) error) error {
	return actByID(s, "session", http.StatusNoContent, do)(c)
}

// problemWith writes err's problem document with one more member, name,
// holding what explains it (the clashes, the refused rows).
func (s *Server) problemWith(c echo.Context, err error, name string, v any) error {
	p := s.localized(c.Response(), c.Request(), err)
	p.Instance = c.Request().URL.Path
	doc := map[string]any{"type": p.Type, "title": p.Title, "status": p.Status, "detail": p.Detail, "code": p.Code, "instance": p.Instance, name: v}
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	c.Response().WriteHeader(p.Status)
	writeJSON(c.Response(), doc)
	return nil
}
