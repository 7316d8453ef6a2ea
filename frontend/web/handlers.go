package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Most API routes do one thing to the resource their path's :id names:
// read the id, decode the JSON body when the route takes one, ask a
// service as the caller, and answer with what it returned. The handlers
// below do that once, so that a route names only the service method (or a
// Server method of the same shape, documented with its route) and the
// plumbing cannot drift between routes. Errors go back unchanged to the
// one place that maps them (WriteProblem).

// answerByID answers with status 200 and what read returns for the caller
// and the resource :id names; what names the resource in the 404 of an id
// that cannot be one.
func answerByID[T any](s *Server, what igfplus.Text, read func(context.Context, igfplus.Identity, int64) (T, error)) echo.HandlerFunc {
	return respondByID(s, what, http.StatusOK, read)
}

// respondByID is answerByID for a route that answers status: one that
// makes something (201) from no body but the path's.
func respondByID[T any](s *Server, what igfplus.Text, status int, do func(context.Context, igfplus.Identity, int64) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c, what)
		if err != nil {
			return err
		}
		v, err := do(c.Request().Context(), s.identity(c), id)
		if err != nil {
			return err
		}
		return c.JSON(status, v)
	}
}

// listByID is answerByID for a list, answered as {key: [...]}, never null.
func listByID[T any](s *Server, what igfplus.Text, key string, read func(context.Context, igfplus.Identity, int64) ([]T, error)) echo.HandlerFunc {
	return answerByID(s, what, func(ctx context.Context, who igfplus.Identity, id int64) (map[string][]T, error) {
		list, err := read(ctx, who, id)
		return map[string][]T{key: nonNil(list)}, err
	})
}

// writeByID decodes the JSON body In, does what it asks as the caller to
// the resource :id names (what names it in a 404), and answers with
// status and what do returns.
func writeByID[In, Out any](s *Server, what igfplus.Text, status int, do func(context.Context, igfplus.Identity, int64, In) (Out, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, in, err := idAndBody[In](c, what)
		if err != nil {
			return err
		}
		out, err := do(c.Request().Context(), s.identity(c), id, in)
		if err != nil {
			return err
		}
		return c.JSON(status, out)
	}
}

// write is writeByID for a route whose path names no resource.
func write[In, Out any](s *Server, status int, do func(context.Context, igfplus.Identity, In) (Out, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		var in In
		if err := bindJSON(c, &in); err != nil {
			return err
		}
		out, err := do(c.Request().Context(), s.identity(c), in)
		if err != nil {
			return err
		}
		return c.JSON(status, out)
	}
}

// answerMine answers with status 200 and what read returns for the
// caller, for a route whose path names no resource.
func answerMine[T any](s *Server, read func(context.Context, igfplus.Identity) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, err := read(c.Request().Context(), s.identity(c))
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	}
}

// listMine is answerMine for a list, answered as {key: [...]}, never null.
func listMine[T any](s *Server, key string, read func(context.Context, igfplus.Identity) ([]T, error)) echo.HandlerFunc {
	return answerMine(s, func(ctx context.Context, who igfplus.Identity) (map[string][]T, error) {
		list, err := read(ctx, who)
		return map[string][]T{key: nonNil(list)}, err
	})
}

// public is read for answerMine and listMine when what it reads is the
// same for everyone: it does not ask who calls.
func public[T any](read func(context.Context) (T, error)) func(context.Context, igfplus.Identity) (T, error) {
	return func(ctx context.Context, _ igfplus.Identity) (T, error) { return read(ctx) }
}

// changeByID is writeByID for a change that answers nothing: 204.
func changeByID[In any](s *Server, what igfplus.Text, do func(context.Context, igfplus.Identity, int64, In) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, in, err := idAndBody[In](c, what)
		if err != nil {
			return err
		}
		if err := do(c.Request().Context(), s.identity(c), id, in); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
}

// actByID does what do does as the caller to the resource :id names, with
// no body either way, and answers status.
func actByID(s *Server, what igfplus.Text, status int, do func(context.Context, igfplus.Identity, int64) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c, what)
		if err != nil {
			return err
		}
		if err := do(c.Request().Context(), s.identity(c), id); err != nil {
			return err
		}
		return c.NoContent(status)
	}
}

// decideByID answers a decision on the resource :id names (what names it
// in a 404): accept or not, with the optional {"reason": …} of the body,
// as the caller, answering 200 with what decide returns.
func decideByID[Out any](s *Server, what igfplus.Text, accept bool, decide func(context.Context, igfplus.Identity, int64, bool, string) (Out, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c, what)
		if err != nil {
			return err
		}
		reason, err := optionalReason(c)
		if err != nil {
			return err
		}
		out, err := decide(c.Request().Context(), s.identity(c), id, accept, reason)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, out)
	}
}

// answerByIDs is answerByID for a resource under another: the path's :id
// names the parent (what names it in a 404) and the parameter child the
// resource under it (childWhat names that one).
func answerByIDs[T any](s *Server, what igfplus.Text, child string, childWhat igfplus.Text, read func(context.Context, igfplus.Identity, int64, int64) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, cid, err := idAndChild(c, what, child, childWhat)
		if err != nil {
			return err
		}
		v, err := read(c.Request().Context(), s.identity(c), id, cid)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	}
}

// actByIDs is actByID for a resource under another, named as for
// answerByIDs.
func actByIDs(s *Server, what igfplus.Text, child string, childWhat igfplus.Text, status int, do func(context.Context, igfplus.Identity, int64, int64) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, cid, err := idAndChild(c, what, child, childWhat)
		if err != nil {
			return err
		}
		if err := do(c.Request().Context(), s.identity(c), id, cid); err != nil {
			return err
		}
		return c.NoContent(status)
	}
}

// idAndChild reads the path's :id (what names it in a 404) and the id in
// the parameter child (childWhat names that one).
func idAndChild(c echo.Context, what igfplus.Text, child string, childWhat igfplus.Text) (int64, int64, error) {
	id, err := pathID(c, what)
	if err != nil {
		return 0, 0, err
	}
	cid, err := paramID(c, child, childWhat)
	if err != nil {
		return 0, 0, err
	}
	return id, cid, nil
}

// roomSocket serves the WebSocket of the room that room names for the
// caller and the resource :id names (what names it in a 404).
func roomSocket(s *Server, what igfplus.Text, room func(who igfplus.Identity, id int64) string) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c, what)
		if err != nil {
			return err
		}
		s.deps.Hub.Serve(c.Response(), c.Request(), room(s.identity(c), id), s.writeProblem)
		return nil
	}
}

// idAndBody reads the path's :id (what names it in a 404) and the JSON
// body In.
func idAndBody[In any](c echo.Context, what igfplus.Text) (int64, In, error) {
	var in In
	id, err := pathID(c, what)
	if err != nil {
		return 0, in, err
	}
	return id, in, bindJSON(c, &in)
}
