package config

import (
	"flag"
	"fmt"
	"strings"

	"github.com/igfplus/igfplus/tracks/accounts/oidclogin"
)

// oidcProviders declares --oidc-provider (repeatable) and reads
// IGFPLUS_OIDC_PROVIDERS (providers separated by ";"), each
// "id|name|issuer|client id|client secret". A provider given without its
// secret takes it from IGFPLUS_OIDC_<ID>_CLIENT_SECRET (the id in upper
// case, hyphens as underscores), which keeps it out of process listings.
// Flags replace the environment's list. finish checks them after parsing.
func oidcProviders(fs *flag.FlagSet, c *Config) (finish func() error) {
	var specs []string
	fromFlags := false
	fs.Func("oidc-provider", `an OpenID Connect provider to sign in with: "id|name|issuer|client id|client secret" (repeatable; default none)`, func(s string) error {
		if !fromFlags {
			specs, fromFlags = nil, true
		}
		specs = append(specs, s)
		return nil
	})
	for _, s := range strings.Split(env("IGFPLUS_OIDC_PROVIDERS", ""), ";") {
		if s = strings.TrimSpace(s); s != "" {
			specs = append(specs, s)
		}
	}
	return func() error {
		seen := map[string]bool{}
		for _, s := range specs {
			p, err := oidclogin.ParseProvider(s)
			if err != nil {
				return fmt.Errorf("--oidc-provider: %w", err)
			}
			if seen[p.ID] {
				return fmt.Errorf("--oidc-provider: %s is given twice", p.ID)
			}
			seen[p.ID] = true
			if p.ClientSecret == "" {
				p.ClientSecret = env("IGFPLUS_OIDC_"+strings.ToUpper(strings.ReplaceAll(p.ID, "-", "_"))+"_CLIENT_SECRET", "")
			}
			c.OIDCProviders = append(c.OIDCProviders, p)
		}
		return nil
	}
}
