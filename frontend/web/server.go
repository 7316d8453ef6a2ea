// Package web is the platform's echo server: middleware, the JSON API, the
// WebSocket endpoint of session rooms, operations endpoints (/healthz,
// /readyz; /metrics is served apart, on the metrics address) and the
// OpenAPI document. Domain errors become HTTP
// responses in one place (errors.go).
package web

import (
	"context"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/delegates"
	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/finding"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/proposals"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/schedule"
	"github.com/igfplus/igfplus/tracks/translations"
	"github.com/igfplus/igfplus/tracks/voting"
)

// RouteMounter registers its routes on a group.
type RouteMounter interface {
	Routes(g *echo.Group)
}

// Check is a named readiness check.
type Check struct {
	Name  string
	Check func(context.Context) error
}

// Deps is what the server needs; cmd/igfplus wires it.
type Deps struct {
	Logger *slog.Logger
	// Catalogue translates the problem documents (the pages' catalogue);
	// nil: the embedded one.
	Catalogue *i18n.Catalogue
	// AuthMiddleware establishes the caller's identity on every request
	// (anonymous when there is no credential); IdentityOf reads it back.
	AuthMiddleware echo.MiddlewareFunc
	// PageAuthMiddleware does the same for HTML pages, where a dead cookie
	// means "signed out" rather than an error; nil uses AuthMiddleware.
	PageAuthMiddleware echo.MiddlewareFunc
	IdentityOf         func(echo.Context) igfplus.Identity
	// AllowedOrigins are the exact origins allowed to send cookie-carrying
	// unsafe requests (and to open WebSockets).
	AllowedOrigins []string
	// HTTPS says the public URL is https: responses then carry
	// Strict-Transport-Security (headers.go).
	HTTPS bool
	// TrustedProxies are the address ranges of the reverse proxies in
	// front of the server, whose X-Forwarded-For is believed (ClientIP);
	// none: every client is its connection's address.
	TrustedProxies []*net.IPNet
	// AuthAPI mounts /api/auth/... and /api/me.
	AuthAPI   RouteMounter
	Programme tracks.Programme
	Sessions  *sessions.Service
	// Recommendations drafts policy recommendations.
	Recommendations *recommendations.Service
	// Publishing is the high-level body's review, the public archive and
	// the bodies registry.
	Publishing *publishing.Service
	// Voting runs polls; nil leaves the voting API out.
	Voting *voting.Service
	// Delegates verifies delegates for the tracks' participation rules.
	Delegates *delegates.Service
	// Tracks is the programme's writes (policy issues, tracks and their
	// leads, sessions) and its tracks with their initiatives and leads.
	Tracks *tracks.Service
	// NRIs is the NRI directory, sessions' co-organisers, track links and
	// the global tracks' intake.
	NRIs *nris.Service
	// Federation is the signed server-to-server API between installations.
	Federation *federation.Service
	// Finding is search, following and the personal calendar token.
	Finding *finding.Service
	// Proposals is the call for session proposals and the MAG's review.
	Proposals *proposals.Service
	// Schedule is the Secretariat's scheduling; nil leaves it out.
	Schedule *schedule.Service
	// Translations are the programme's texts in other languages; nil
	// leaves their API out, and the sessions' answers without them.
	Translations *translations.Service
	Hub          *hub.Hub
	// Ready lists what /readyz checks.
	Ready []Check
	// Registry gets the HTTP metrics; it is served on a listener of its
	// own (cmd/igfplus), never by this server.
	Registry *prometheus.Registry
	// Pages mounts the HTML pages and static assets on the root group.
	Pages RouteMounter
	// HTMLError renders an error page for browsers; nil means problem+json
	// for everyone.
	HTMLError func(c echo.Context, status int, detail string) error
}

// Server is the HTTP server of one node.
type Server struct {
	deps Deps
	log  *slog.Logger
	e    *echo.Echo
	// cat words the problem documents in their reader's language.
	cat *i18n.Catalogue
}

// New builds the server and its routes.
func New(deps Deps) *Server {
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{deps: deps, log: deps.Logger, e: echo.New(), cat: catalogueOf(deps)}
	s.e.HideBanner, s.e.HidePort = true, true
	// The client's address is the connection's, or the one a configured
	// proxy forwarded (ClientIP).
	s.e.IPExtractor = ClientIP(deps.TrustedProxies)
	s.e.HTTPErrorHandler = s.errorHandler
	s.middleware()
	s.routes()
	return s
}

// Handler returns the server's http.Handler.
func (s *Server) Handler() http.Handler { return s.e }

// Echo exposes the router, for the route/OpenAPI agreement test.
func (s *Server) Echo() *echo.Echo { return s.e }

func (s *Server) middleware() {
	s.e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	s.e.Use(middleware.RequestID())
	s.e.Use(s.requestLog())
	s.e.Use(middleware.Recover())
	s.e.Use(middleware.BodyLimit("256K"))
	s.e.Use(s.securityHeaders())
	if s.deps.Registry != nil {
		s.e.Use(newHTTPMetrics(s.deps.Registry).middleware)
	}
	s.e.Use(sameOrigin(s.deps.AllowedOrigins))
	if s.deps.AuthMiddleware != nil {
		s.e.Use(s.identify)
	}
}

// requestLog logs each request's method, path, status and latency. The
// query string is logged by its parameters' names only: a value can be
// personal data (a sign-in link's e-mail address, a search), and the log
// holds none.
func (s *Server) requestLog() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogMethod: true, LogLatency: true, LogRequestID: true, LogError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
				slog.String("method", v.Method), slog.String("uri", loggedURI(c.Request().URL)), slog.Int("status", v.Status),
				slog.Duration("latency", v.Latency), slog.String("request_id", v.RequestID))
			return nil
		},
	})
}

// loggedURI is the path with the query's parameter names, their values
// left out ("/signin?email=…&next=…").
func loggedURI(u *url.URL) string {
	if u.RawQuery == "" {
		return u.EscapedPath()
	}
	names := slices.Sorted(maps.Keys(u.Query()))
	return u.EscapedPath() + "?" + strings.Join(names, "=…&") + "=…"
}

func (s *Server) routes() {
	s.e.GET("/healthz", s.healthz)
	s.e.GET("/readyz", s.readyz)
	api := s.e.Group("/api")
	api.GET("/openapi.json", s.openAPI)
	if s.deps.AuthAPI != nil {
		s.deps.AuthAPI.Routes(api)
	}
	api.GET("/editions/current", s.currentEdition)
	api.GET("/sessions", s.sessionsOf(public(s.editionSessions)))
	api.GET("/sessions/:id", s.getSession)
	api.GET("/sessions/:id/chat", s.listChat)
	api.POST("/sessions/:id/chat", writeByID(s, "session", http.StatusCreated, s.postChat))
	api.GET("/sessions/:id/presence", sessionRead(s, s.deps.Sessions.Presence))
	api.POST("/sessions/:id/state", writeByID(s, "session", http.StatusOK, s.moveSession))
	api.POST("/sessions/:id/agenda/current", writeByID(s, "session", http.StatusOK, s.startItem))
	api.GET("/sessions/:id/floor", sessionRead(s, s.deps.Sessions.FloorOf))
	api.POST("/sessions/:id/floor", writeByID(s, "session", http.StatusCreated, s.requestFloor))
	// Take back one's request for the floor.
	api.DELETE("/sessions/:id/floor", answerByID(s, "session", s.deps.Sessions.WithdrawFloor))
	api.POST("/sessions/:id/floor/:request/:action", s.moderateFloor)
	api.GET("/sessions/:id/questions", sessionList(s, "questions", s.deps.Sessions.QuestionsFor))
	api.POST("/sessions/:id/questions", writeByID(s, "session", http.StatusCreated, s.askQuestion))
	// One vote per participant.
	api.POST("/sessions/:id/questions/:question/votes", answerByIDs(s, "session", "question", "question", s.deps.Sessions.Upvote))
	api.PATCH("/sessions/:id/questions/:question", s.changeQuestion)
	api.DELETE("/sessions/:id/chat/:message", s.removeChat)
	api.POST("/sessions/:id/chat/:message/reports", s.reportChat)
	api.GET("/sessions/:id/chat/reports", sessionList(s, "reports", s.deps.Sessions.ChatReports))
	api.POST("/sessions/:id/restrictions", changeByID(s, "session", s.restrict))
	api.GET("/sessions/:id/restrictions", sessionList(s, "restrictions", s.deps.Sessions.Restricted))
	api.DELETE("/sessions/:id/restrictions/:account", s.liftRestriction)
	api.GET("/sessions/:id/moderation-log", sessionList(s, "entries", s.deps.Sessions.ModerationLog))
	api.GET("/sessions/:id/attendance", sessionRead(s, s.deps.Sessions.Attendance))
	api.GET("/sessions/:id/captions", s.listCaptions)
	api.GET("/sessions/:id/caption-channels", sessionList(s, "channels", s.deps.Sessions.CaptionChannels))
	api.GET("/sessions/:id/agenda", s.sessionAgenda)
	api.GET("/sessions/:id/floor/requests", sessionList(s, "requests", s.deps.Sessions.FloorHistory))
	api.GET("/sessions/:id/speaking", sessionRead(s, s.deps.Sessions.SpeakingTimeOf))
	api.GET("/sessions/:id/settings", s.sessionSettings)
	api.PATCH("/sessions/:id/settings", s.changeSettings)
	api.GET("/sessions/:id/admission", s.admission)
	api.POST("/sessions/:id/admission", s.admission)
	api.POST("/sessions/:id/registration", s.registration)
	api.DELETE("/sessions/:id/registration", s.registration)
	api.GET("/sessions/:id/admissions", sessionList(s, "waiting", s.deps.Sessions.WaitingList))
	// A moderator admits a waiting person (removing or banning is POST
	// .../restrictions).
	api.POST("/sessions/:id/admissions/:account", actByIDs(s, "session", "account", "account", http.StatusNoContent, s.deps.Sessions.Admit))
	api.GET("/sessions/:id/report", sessionRead(s, s.deps.Sessions.ReportOf))
	api.GET("/sessions/:id/report.csv", s.sessionReportCSV)
	api.PUT("/sessions/:id/report", s.writeReport)
	api.PATCH("/sessions/:id/report", s.writeReport)
	s.streamRoutes(api)
	s.pollRoutes(api)
	s.recommendationRoutes(api)
	s.publishingRoutes(api)
	s.trackRoutes(api)
	s.planningRoutes(api)
	s.nriRoutes(api)
	s.federationRoutes(api)
	s.findingRoutes(api)
	s.proposalRoutes(api)
	s.scheduleRoutes(api)
	s.translationRoutes(api)
	s.e.GET("/ws/sessions/:id", roomSocket(s, "session", sessionRoom))
	s.e.GET("/ws/sessions/:id/waiting", roomSocket(s, "session", waitingRoom))
	if s.deps.Pages != nil {
		s.deps.Pages.Routes(s.e.Group(""))
	}
}

// signOutPath is the API's sign-out, which must work with an access token
// that no longer identifies anybody (expired, or revoked by a role change):
// it names the session to end.
const signOutPath = "/api/auth/signout"

// identify runs the API's strict authentication on /api and /ws (but for
// signOutPath), and the pages' lenient one elsewhere.
func (s *Server) identify(next echo.HandlerFunc) echo.HandlerFunc {
	strict := s.deps.AuthMiddleware(next)
	lenient := strict
	if s.deps.PageAuthMiddleware != nil {
		lenient = s.deps.PageAuthMiddleware(next)
	}
	return func(c echo.Context) error {
		p := c.Request().URL.Path
		if p == signOutPath {
			return next(c) // judges its credentials itself, stale ones too
		}
		if strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/ws/") {
			return strict(c)
		}
		return lenient(c)
	}
}

// sameOrigin refuses unsafe requests that a browser sends from another
// site with our cookies (cross-site request forgery, including from sibling
// subdomains, which SameSite=Lax lets through). It is the server's one such
// check, for the API and the pages' forms alike. A browser that says the
// request comes from this very origin (Sec-Fetch-Site) is believed, whatever
// host name it used; otherwise the Origin must be an allowed one. Requests
// with an Authorization header are scripts holding a token, not ambient
// cookies, and requests with neither header (old browsers, scripts) rely on
// SameSite.
func sameOrigin(allowed []string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			switch r.Method {
			case http.MethodGet, http.MethodHead, http.MethodOptions:
				return next(c)
			}
			if r.Header.Get(echo.HeaderAuthorization) != "" {
				return next(c)
			}
			origin, site := r.Header.Get("Origin"), r.Header.Get("Sec-Fetch-Site")
			switch {
			case site == "same-origin" || site == "none":
				return next(c)
			case origin != "" && slices.Contains(allowed, origin):
				return next(c)
			case site == "" && origin == "":
				return next(c)
			}
			return igfplus.Errorf(igfplus.EForbidden, "This request came from another site.")
		}
	}
}

// identity returns who is calling.
func (s *Server) identity(c echo.Context) igfplus.Identity {
	if s.deps.IdentityOf == nil {
		return igfplus.Identity{}
	}
	return s.deps.IdentityOf(c)
}

// Serve serves on l until ctx ends, then drains: it stops accepting, closes
// WebSockets with 1001 so that clients resume on another node, and waits for
// requests in flight.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	srv := &http.Server{
		Handler:           s.e,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdownCtx) // stop accepting; hijacked sockets are the hub's
	if s.deps.Hub != nil {
		s.deps.Hub.Shutdown(shutdownCtx)
	}
	return err
}
