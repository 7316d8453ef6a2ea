// Package pages renders the platform's HTML pages on the server: the
// programme, sign-in and registration, the live session room and its
// moderator's page, whose browser client (frontend/assets) makes them live
// over the room's WebSocket. Every page works without JavaScript (its
// actions are plain forms, which the client sends over the socket when it
// can), carries no inline script
// or style (the server's CSP forbids them), and takes every visible string
// from the translation catalogue (frontend/i18n), in the language chosen by
// ?lang=, the igf_lang cookie or Accept-Language.
package pages

import (
	"context"
	"embed"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/assets"
	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/live/actions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Sessions is what the pages use of sessions.Service.
type Sessions interface {
	SessionsOfEdition(ctx context.Context, editionID int64) ([]sessions.Session, error)
	Session(ctx context.Context, id int64) (sessions.Session, error)
	Agenda(ctx context.Context, sessionID int64) ([]sessions.AgendaItem, error)
	// RecentChat returns the newest messages, oldest first, and the room
	// position the client resumes from; EUnauthorized for anonymous.
	RecentChat(ctx context.Context, who igfplus.Identity, sessionID int64, limit int) ([]sessions.ChatMessage, sessions.RoomPosition, error)
	PostChat(ctx context.Context, who igfplus.Identity, sessionID int64, body string) (sessions.ChatMessage, error)
	// Presence returns who is in the session's room now, with small groups
	// already shown as "<5" and only the names people allow.
	Presence(ctx context.Context, who igfplus.Identity, sessionID int64) (sessions.Presence, error)
	FloorOf(ctx context.Context, who igfplus.Identity, sessionID int64) (sessions.Floor, error)
	// QuestionsFor lists the questions; moderators also get the authors of
	// anonymous ones.
	QuestionsFor(ctx context.Context, who igfplus.Identity, sessionID int64) ([]sessions.Question, error)
	// Transcript is every caption line of every channel, in order;
	// CaptionChannels the session's caption channels. Both are public for
	// a public session, EUnauthorized for anonymous otherwise.
	Transcript(ctx context.Context, who igfplus.Identity, sessionID int64) ([]sessions.Caption, error)
	CaptionChannels(ctx context.Context, who igfplus.Identity, sessionID int64) ([]sessions.CaptionChannel, error)
	// SessionCaptioners are the session's captioners, for its moderators'
	// set-up of the channels.
	SessionCaptioners(ctx context.Context, who igfplus.Identity, sessionID int64) ([]sessions.ChannelCaptioner, error)
	// Attendance is the balance statistics, for the session's moderators
	// only (EForbidden for anyone else): the moderator page's check.
	Attendance(ctx context.Context, who igfplus.Identity, sessionID int64) (sessions.Balance, error)
	// What people do in a live room: the declared room actions' services,
	// carried out here for forms posted without JavaScript or while the
	// socket is down, exactly as over the WebSocket.
	actions.Sessions
	Admissions
	Reports
	Moderation
	// MayModerate is the moderator's page's check (EForbidden otherwise).
	MayModerate(ctx context.Context, who igfplus.Identity, sessionID int64) error
	// RolesOf lists who's roles in the session (a captioner gets the
	// caption input).
	RolesOf(ctx context.Context, who igfplus.Identity, sessionID int64) ([]sessions.SessionRole, error)
}

// Admissions are the waiting room's and registration's: the waiting page
// of someone held outside, and the moderators' list of who waits.
type Admissions interface {
	AdmissionOf(ctx context.Context, who igfplus.Identity, sessionID int64) (sessions.Admission, error)
	Knock(ctx context.Context, who igfplus.Identity, sessionID int64) (sessions.Admission, error)
	Register(ctx context.Context, who igfplus.Identity, sessionID int64, registered bool) (sessions.Admission, error)
	WaitingList(ctx context.Context, who igfplus.Identity, sessionID int64) ([]sessions.Waiter, error)
	// ChatReports are the reports of chat messages, for the moderators.
	ChatReports(ctx context.Context, who igfplus.Identity, sessionID int64) ([]sessions.ChatReport, error)
}

// Moderation is what the moderator's page shows of the moderators' own
// record: who is restricted (to lift it) and the moderation log.
type Moderation interface {
	Restricted(ctx context.Context, who igfplus.Identity, sessionID int64) ([]sessions.Restricted, error)
	ModerationLog(ctx context.Context, who igfplus.Identity, sessionID int64) ([]sessions.LogEntry, error)
}

// Reports are the session report's page and the rapporteur's form.
type Reports interface {
	ReportOf(ctx context.Context, who igfplus.Identity, sessionID int64) (sessions.Report, error)
	WriteReport(ctx context.Context, who igfplus.Identity, sessionID int64, c sessions.ReportChange) (sessions.Report, error)
	MayWriteReport(ctx context.Context, who igfplus.Identity, sessionID int64) error
}

var _ Sessions = (*sessions.Service)(nil)

// Accounts carries out the account forms. Its errors are domain errors
// (igfplus.Error): EUnauthorized or EInvalid for wrong credentials,
// EInvalid for a registration the service refuses, EConflict for an email
// already registered, ERateLimited, EForbidden for a suspended account.
type Accounts interface {
	// SignIn checks the credentials and sets the session cookies on c.
	SignIn(c echo.Context, email, password string) error
	// Register creates the account unless the e-mail address has one
	// already, answering alike either way (nil), and signs nobody in.
	Register(c echo.Context, f RegisterForm) error
	// SignOut revokes the session and clears the cookies.
	SignOut(c echo.Context) error
}

// RegisterForm is the registration form as submitted, trimmed (Country in
// upper case). Gender, AgeBand and FirstTime are optional and only feed
// anonymised balance statistics. Locale is the page's language, which
// becomes the account's (its mails are written in it).
type RegisterForm struct {
	Email, Password, DisplayName, StakeholderGroup, Region, Country, Gender, AgeBand string
	FirstTime                                                                        bool
	Locale                                                                           string
}

// Deps is what the pages need; cmd/igfplus wires it.
type Deps struct {
	Programme tracks.Programme
	Sessions  Sessions
	Accounts  Accounts
	// Voting serves the poll pages and the polls panels; nil leaves them
	// out. Recommendations names what polls are about; nil shows no
	// titles and offers no new polls.
	Voting          Voting
	Recommendations Recommendations
	// NRIs and Tracks serve the programme by policy issue, the track pages
	// with the linking workflow and the planners' forms, and the NRI
	// directory; nil (either) leaves them out.
	NRIs   NRIs
	Tracks Tracks
	// Planning serves the Secretariat's programme page (the edition, its
	// policy issues and tracks); nil leaves it out.
	Planning Planning
	// Publishing serves the high-level body's pages (review queue,
	// archive, registry and deliveries); nil leaves them out.
	Publishing Publishing
	// Drafting serves the recommendation pages (list, drafting, the page
	// of one with its comments, amendments and record, print); nil leaves
	// them out.
	Drafting Drafting
	// Finding serves the programme's filters, search, following and the
	// calendars; Walls the public walls of sessions' rooms. Nil leaves
	// them out.
	Finding Finding
	Walls   Walls
	// SelfService serves the pages of the mailed links (a forgotten
	// password, an address to confirm); MailFolder the Secretariat's page
	// of the mails an installation without SMTP keeps (/admin/mail). Nil
	// leaves them out.
	SelfService SelfService
	MailFolder  MailFolder
	// Profiles serves the signed-in person's profile page (/profile);
	// nil leaves it out.
	Profiles Profiles
	// Care serves the account pages (password, address, download,
	// deletion) and the page of the link confirming a new address; nil
	// leaves them out.
	Care AccountCare
	// Notifications serves the profile's notifications form and the
	// one-click unsubscribe page (/unsubscribe); nil leaves them out.
	Notifications Notifications
	// Proposals serves the call for session proposals and the MAG's
	// review (/call, /proposals/...); nil leaves them out.
	Proposals Proposals
	// Schedule serves the Secretariat's scheduling (/admin/schedule...);
	// nil leaves it out.
	Schedule Scheduling
	// Translations serve the programme's texts (sessions, their agendas,
	// policy issues, tracks) in the reader's language and the editors'
	// translations forms; nil shows them as written.
	Translations Translations
	// SSO signs people in through identity providers (the sign-in page's
	// buttons, /signin/sso/…); Passkeys offers passkeys on the sign-in
	// and profile pages. Nil leaves them out.
	SSO      SingleSignOn
	Passkeys Passkeys
	// Streams serves a session's meeting and stream links and its remote
	// hubs (the room's stream block, /sessions/{id}/streams and /hubs);
	// nil leaves them out.
	Streams Streams
	// IdentityOf returns who is calling (the zero Identity when nobody is
	// signed in); nil means everyone is anonymous.
	IdentityOf func(echo.Context) igfplus.Identity
	// Catalogue translates the pages; nil means the embedded catalogue.
	Catalogue *i18n.Catalogue
	// Assets serves the browser client; nil means the embedded bundles.
	Assets *assets.Assets
	// Logger reports untranslated data values and parts of a page left
	// out because a dependency failed; nil discards.
	Logger *slog.Logger
	// Now is the clock of the live pages' timers; nil means time.Now.
	Now func() time.Time
}

// Pages renders and serves the HTML pages.
type Pages struct {
	deps   Deps
	cat    *i18n.Catalogue
	assets *assets.Assets
	log    *slog.Logger
	tmpl   *pageSets
	zone   zoneCache
}

//go:embed templates
var templateFS embed.FS

// New returns the pages over deps. It panics if the embedded templates,
// catalogue or bundles are broken: they are fixed at build time and tested.
func New(deps Deps) *Pages {
	p := &Pages{deps: deps, cat: deps.Catalogue, assets: deps.Assets, log: deps.Logger}
	if p.cat == nil {
		p.cat = i18n.MustNew()
	}
	if p.assets == nil {
		p.assets = assets.MustNew()
	}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	if p.deps.Now == nil {
		p.deps.Now = time.Now
	}
	p.tmpl = newPageSets(pageNames)
	return p
}

// Routes mounts the pages and the client bundles on g (the root group).
func (p *Pages) Routes(g *echo.Group) {
	g.GET("/", p.programme)
	g.GET("/signin", p.signinForm)
	g.POST("/signin", p.signin)
	g.GET("/register", p.registerForm)
	g.POST("/register", p.register)
	g.POST("/signout", p.signout)
	if p.deps.SSO != nil {
		p.ssoRoutes(g)
	}
	if p.deps.SelfService != nil {
		p.selfServiceRoutes(g)
	}
	if p.deps.MailFolder != nil {
		g.GET("/admin/mail", p.mailbox)
	}
	if p.deps.Profiles != nil {
		g.GET("/profile", p.profile)
		g.POST("/profile", p.saveProfile)
		g.POST("/profile/verification", p.sendVerification)
	}
	if p.deps.Care != nil {
		p.careRoutes(g)
	}
	if p.deps.Notifications != nil {
		p.notificationsRoutes(g)
	}
	g.GET("/sessions/:id", p.room)
	g.POST("/sessions/:id/chat", p.postChat)
	g.GET("/sessions/:id/moderate", p.moderate)
	g.POST("/sessions/:id/act", p.act)
	g.POST("/sessions/:id/admission", p.knock)
	g.POST("/sessions/:id/registration", p.registration)
	g.GET("/sessions/:id/report", p.report)
	g.GET("/sessions/:id/transcript", p.transcript)
	g.GET("/sessions/:id/transcript.vtt", p.transcriptFile("vtt"))
	g.GET("/sessions/:id/transcript.txt", p.transcriptFile("txt"))
	g.POST("/sessions/:id/report", p.writeReport)
	if p.deps.Voting != nil {
		g.POST("/sessions/:id/polls", p.createPoll)
		g.GET("/polls/:id", p.poll)
		g.POST("/polls/:id/ballots", p.castBallot)
		g.GET("/polls/:id/bulletin", p.bulletin)
		g.POST("/polls/:id/bulletin", p.findReceipt)
		g.POST("/polls/:id/open", p.openPoll)
		g.POST("/polls/:id/close", p.closePoll)
	}
	if p.deps.NRIs != nil && p.deps.Tracks != nil {
		p.nriRoutes(g)
	}
	if p.deps.Planning != nil {
		p.programmeAdminRoutes(g)
	}
	if p.deps.Publishing != nil {
		p.publishingRoutes(g)
	}
	if p.deps.Drafting != nil {
		p.recommendationRoutes(g)
	}
	if p.deps.Finding != nil {
		p.findingRoutes(g)
	}
	if p.deps.Walls != nil {
		g.GET("/sessions/:id/wall", p.wall)
	}
	if p.deps.Streams != nil {
		p.streamRoutes(g)
	}
	if p.deps.Proposals != nil {
		p.proposalRoutes(g)
	}
	if p.deps.Schedule != nil && p.deps.Programme != nil {
		p.scheduleAdminRoutes(g)
	}
	if p.deps.Translations != nil {
		p.translationRoutes(g)
	}
	p.assets.Routes(g)
}

func (p *Pages) identity(c echo.Context) igfplus.Identity {
	if p.deps.IdentityOf == nil {
		return igfplus.Identity{}
	}
	return p.deps.IdentityOf(c)
}
