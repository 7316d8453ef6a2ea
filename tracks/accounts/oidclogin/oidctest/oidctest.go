// Package oidctest starts a real OpenID provider for tests: the example
// provider of github.com/zitadel/oidc (an OpenID Connect certified
// library), serving discovery, its login page, the authorisation code
// flow with PKCE, signed ID tokens and userinfo on 127.0.0.1. Tests sign
// in through it as a person would, so that no token is ever made by hand.
package oidctest

import (
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"golang.org/x/text/language"
)

// Person is an account at the provider.
type Person struct {
	// Username and Password are what the provider's login page asks.
	Username, Password string
	Email              string
	EmailVerified      bool
	First, Last        string
}

// Provider is a running provider with one registered web client.
type Provider struct {
	// Issuer is the provider's issuer URL (http://127.0.0.1:port/).
	Issuer                 string
	ClientID, ClientSecret string
}

// Start runs a provider until the test ends, whose one client may send
// people back to redirectURI only.
func Start(tb testing.TB, redirectURI string, people ...Person) *Provider {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("oidctest: listen: %v", err)
	}
	p := &Provider{Issuer: "http://" + l.Addr().String() + "/", ClientID: "igfplus", ClientSecret: "oidctest-secret"}
	clients := map[string]*storage.Client{p.ClientID: storage.WebClient(p.ClientID, p.ClientSecret, redirectURI)}
	users := userStore{}
	for i, person := range people {
		id := "user" + string(rune('a'+i))
		users[id] = &storage.User{ID: id, Username: person.Username, Password: person.Password, Email: person.Email,
			EmailVerified: person.EmailVerified, FirstName: person.First, LastName: person.Last, PreferredLanguage: language.English}
	}
	srv := &http.Server{Handler: exampleop.SetupServer(p.Issuer, storage.NewStorageWithClients(users, clients), nil, false),
		ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	tb.Cleanup(func() { srv.Close() })
	return p
}

// userStore is the provider's people (storage.UserStore).
type userStore map[string]*storage.User

func (u userStore) GetUserByID(id string) *storage.User { return u[id] }

func (u userStore) GetUserByUsername(name string) *storage.User {
	for _, p := range u {
		if p.Username == name {
			return p
		}
	}
	return nil
}

// ExampleClientID names the example's service account, which these
// tests do not use.
func (u userStore) ExampleClientID() string { return storage.ServiceUserID }
