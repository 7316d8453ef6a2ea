package oidclogin

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/igfplus/igfplus/tracks/accounts"
)

// discover reads the provider's configuration once it answers, and keeps
// it: its keys are then fetched (and refetched on rotation) by go-oidc.
func (r *remote) discover(ctx context.Context, client *http.Client) (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.oauth != nil {
		return r.oauth, r.verifier, nil
	}
	// The provider keeps the context for fetching its keys later: it must
	// outlive this request.
	p, err := oidc.NewProvider(oidc.ClientContext(context.WithoutCancel(ctx), client), r.cfg.Issuer)
	if err != nil {
		return nil, nil, errUnreachable.Because(fmt.Errorf("discover %s: %w", r.cfg.ID, err))
	}
	r.provider = p
	r.verifier = p.Verifier(&oidc.Config{ClientID: r.cfg.ClientID})
	r.oauth = &oauth2.Config{ClientID: r.cfg.ClientID, ClientSecret: r.cfg.ClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: r.redirect, Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
	return r.oauth, r.verifier, nil
}

// claims are the ID token's and userinfo's claims that matter here.
// email_verified is a boolean, though some providers send it as a string.
type claims struct {
	Subject       string `json:"sub"`
	Email         string `json:"email"`
	EmailVerified any    `json:"email_verified"`
	Name          string `json:"name"`
}

func (c claims) verified() bool { return c.EmailVerified == true || c.EmailVerified == "true" }

// identify exchanges code (with the flow's PKCE verifier), verifies the ID
// token (signature, issuer, audience, expiry, the flow's nonce) and reads
// the person's address from it, or from userinfo when the token carries
// none (for the same subject only).
func (r *remote) identify(ctx context.Context, client *http.Client, code string, f flow) (accounts.ExternalIdentity, error) {
	conf, verifier, err := r.discover(ctx, client)
	if err != nil {
		return accounts.ExternalIdentity{}, err
	}
	ctx = oidc.ClientContext(ctx, client)
	tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return accounts.ExternalIdentity{}, refusedOr(err, "exchange the code")
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return accounts.ExternalIdentity{}, wrapRefused(errors.New("no id_token in the token response"))
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		return accounts.ExternalIdentity{}, wrapRefused(fmt.Errorf("verify the ID token: %w", err))
	}
	if idt.Nonce != f.Nonce {
		return accounts.ExternalIdentity{}, wrapRefused(errors.New("the ID token's nonce is not the flow's"))
	}
	var c claims
	if err := idt.Claims(&c); err != nil {
		return accounts.ExternalIdentity{}, wrapRefused(err)
	}
	if c.Email == "" {
		ui, err := r.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		if err != nil {
			return accounts.ExternalIdentity{}, refusedOr(err, "read userinfo")
		}
		var u claims
		if err := ui.Claims(&u); err != nil || u.Subject != idt.Subject {
			return accounts.ExternalIdentity{}, wrapRefused(errors.New("userinfo is not the ID token's subject"))
		}
		c.Email, c.EmailVerified = u.Email, u.EmailVerified
		if c.Name == "" {
			c.Name = u.Name
		}
	}
	return accounts.ExternalIdentity{Provider: r.cfg.ID, Subject: idt.Subject, Email: c.Email,
		EmailVerified: c.verified(), Name: c.Name}, nil
}

// refusedOr tells a provider that refused (an OAuth error answer: a bad,
// used or expired code) from one that could not be reached.
func refusedOr(err error, what string) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		return wrapRefused(fmt.Errorf("%s: %w", what, err))
	}
	return errUnreachable.Because(fmt.Errorf("%s: %w", what, err))
}

func wrapRefused(err error) error {
	return errRefused.Because(err)
}
