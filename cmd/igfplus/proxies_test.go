package main

import (
	"io"
	"testing"
)

// --trusted-proxies (IGFPLUS_TRUSTED_PROXIES) takes addresses (one host
// each) and CIDR ranges; anything else stops the server from starting
// rather than trusting the wrong peers. None is the default.
func TestTrustedProxiesAreAddressesOrRanges(t *testing.T) {
	t.Setenv("IGFPLUS_TRUSTED_PROXIES", "")
	cfg, err := parseConfig("igfplus serve", nil, io.Discard)
	if err != nil || len(cfg.TrustedProxies) != 0 {
		t.Fatalf("default: %v, %v", cfg.TrustedProxies, err)
	}
	t.Setenv("IGFPLUS_TRUSTED_PROXIES", "172.29.80.10, 10.0.0.0/8,2001:db8::1")
	cfg, err = parseConfig("igfplus serve", nil, io.Discard)
	if err != nil || len(cfg.TrustedProxies) != 3 {
		t.Fatalf("from the environment: %v, %v", cfg.TrustedProxies, err)
	}
	for i, want := range []string{"172.29.80.10/32", "10.0.0.0/8", "2001:db8::1/128"} {
		if got := cfg.TrustedProxies[i].String(); got != want {
			t.Errorf("proxy %d is %s, want %s", i, got, want)
		}
	}
	if cfg, _ := parseConfig("igfplus serve", []string{"--trusted-proxies", "192.0.2.0/24"}, io.Discard); len(cfg.TrustedProxies) != 1 {
		t.Errorf("the flag: %v", cfg.TrustedProxies)
	}
	for _, bad := range []string{"nginx", "10.0.0.0/33", "10.0.0"} {
		if _, err := parseConfig("igfplus serve", []string{"--trusted-proxies", bad}, io.Discard); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
