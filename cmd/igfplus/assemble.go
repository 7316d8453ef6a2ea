package main

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/frontend/pages"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/sessions/live"
	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/notify"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/relay"
	"github.com/igfplus/igfplus/tracks/voting"
)

// app is one node, assembled.
type app struct {
	signIn     *signIn
	hub        *hub.Hub
	presence   *live.Presence
	web        *web.Server
	redis      redis.UniversalClient
	voting     *voting.Service
	ballots    runner // the voting store's group commits of ballots
	publishing *publishing.Service
	relay      *relay.Relay
	federation *federation.Service
	notify     *notify.Service
}

// runner is a node's background loop: it runs until ctx ends.
type runner interface{ Run(ctx context.Context) }

func (a *app) close() {
	if a.redis != nil {
		a.redis.Close()
	}
}

// assemble builds a node from its configuration: wiring only, no logic.
// Each domain is built in its wire_*.go file, beside the store it opens.
func assemble(ctx context.Context, cfg Config, st *storage, reg *prometheus.Registry, log *slog.Logger) (*app, error) {
	a := &app{}
	signing, err := signingKey(cfg, log)
	if err != nil {
		return nil, err
	}
	broker, err := a.newBroker(cfg, log)
	if err != nil {
		return nil, err
	}
	ready := []web.Check{{Name: "postgres", Check: st.db.Ping}}
	if a.redis != nil {
		ready = append(ready, web.Check{Name: "redis", Check: broker.Ping})
	}
	if a.signIn, err = wireAccounts(cfg, st.db, signing, a.redis, log); err != nil {
		return nil, err
	}
	accts, authn, throttle := a.signIn.accounts, a.signIn.authn, a.signIn.throttle
	a.notify = wireNotify(st.db, signing, a.signIn.mail)

	pub := &hub.Deferred{}
	sessionSvc, rooms, presenceStore := wireSessions(st.db, pub, cfg.ActionsPerSecond)
	recSvc, recStore, recRooms := wireRecommendations(st.db, pub)
	if a.voting, a.ballots, err = newVoting(cfg, st.db, pub, sessionSvc, recStore); err != nil {
		return nil, err
	}
	sessionSvc.SetPolls(voting.ReportPolls{Voting: a.voting})
	rooms.SetPolls(a.voting)
	if a.publishing, a.relay, err = newPublishing(ctx, cfg, signing, st.db, reg, log); err != nil {
		return nil, err
	}
	eventKeys, err := hubEventKeys(cfg, signing)
	if err != nil {
		return nil, err
	}
	// One catalogue words the pages, the problem documents and the error
	// frames alike.
	cat, err := i18n.New()
	if err != nil {
		return nil, err
	}
	h, err := hub.New(hub.Config{
		Broker:         broker,
		EventKeys:      eventKeys,
		History:        pglog.New(st.db.Pool),
		Recent:         recentLog(broker),
		WriteCoalesce:  hubCoalesce(cfg.WriteCoalesce),
		Policy:         recRooms.Or(rooms), // recommendation rooms, and the sessions'
		Dispatcher:     rooms,              // the room actions of sessions/live/actions, ballots among them
		Authenticate:   authn.Credentials,
		Wording:        cat.Wording,
		AllowedOrigins: cfg.AllowedOrigins,
		TokenVersions:  accts.TokenVersions,
		// The caps on live connections, by the client address the API's
		// budgets use (trusted proxies' X-Forwarded-For).
		SocketsPerAccount: cfg.SocketsPerAccount,
		SocketsPerAddress: cfg.SocketsPerAddress,
		ClientAddress:     web.ClientIP(cfg.TrustedProxies),
		Logger:            log,
		Metrics:           hub.NewMetrics(reg),
	})
	if err != nil {
		return nil, err
	}
	pub.Set(h)
	a.hub = h
	a.presence = live.NewPresence(h, presenceStore, log, 2*time.Second)

	secure := strings.HasPrefix(cfg.PublicURL, "https://")
	programme, nriSvc, trackSvc := wireProgramme(st.db)
	if a.federation, err = wireFederation(ctx, cfg, signing, st.db, nriSvc.MayRunNRI, log); err != nil {
		return nil, err
	}
	texts := wireTranslations(st.db, pub, trackSvc, recSvc)
	find := wireFinding(st.db, texts)
	calls := wireProposals(st.db, a.signIn.mail.queue)
	scheduler := wireSchedule(st.db)
	forms := &pages.AccountForms{Accounts: accts, Throttle: throttle, Auth: authn, Secure: secure,
		SSO: a.signIn.sso, Flows: a.signIn.store, Passkeys: a.signIn.passkeys}
	site := pages.New(pages.Deps{
		Catalogue: cat,
		Programme: programme,
		Sessions:  sessionSvc,
		Accounts:  forms,
		// The pages of mailed links, and the mail folder's (no SMTP).
		SelfService: forms,
		MailFolder:  a.signIn.mail.page(),
		Profiles:    forms,
		Care:        forms,
		// The profile's notifications form and the one-click unsubscribe.
		Notifications: a.notify,
		SSO:           forms, // no provider configured: no buttons
		Passkeys:      forms,
		IdentityOf:    auth.IdentityOf,
		Logger:        log,
		// The poll pages and the live pages' polls panels.
		Voting:          a.voting,
		Recommendations: recSvc,
		Drafting:        recSvc, // the recommendation pages
		NRIs:            nriSvc,
		Tracks:          trackSvc,
		Planning:        trackSvc,
		Publishing:      a.publishing,
		Finding:         find,
		Walls:           sessionSvc,
		Streams:         sessionSvc, // the stream beside the room, remote hubs
		Proposals:       calls,
		Schedule:        scheduler,
		Translations:    texts,
	})
	a.web = web.New(web.Deps{
		Logger:             log,
		Catalogue:          cat,
		AuthMiddleware:     authn.Middleware(),
		PageAuthMiddleware: authn.PageMiddleware(secure),
		IdentityOf:         auth.IdentityOf,
		AllowedOrigins:     cfg.AllowedOrigins,
		HTTPS:              secure,
		TrustedProxies:     cfg.TrustedProxies,
		AuthAPI: &auth.API{Accounts: accts, Auth: authn, Throttle: throttle, SecureCookies: secure, Passkeys: a.signIn.passkeys,
			Notifications: a.notify},
		Programme:       programme,
		Sessions:        sessionSvc,
		Recommendations: recSvc,
		Voting:          a.voting,
		Publishing:      a.publishing,
		Delegates:       wireDelegates(st.db),
		Tracks:          trackSvc,
		NRIs:            nriSvc,
		Federation:      a.federation,
		Finding:         find,
		Proposals:       calls,
		Schedule:        scheduler,
		Translations:    texts,
		Hub:             h,
		Ready:           ready,
		Registry:        reg,
		Pages:           site,
		HTMLError:       site.HTMLError,
	})
	return a, nil
}
