package web

import (
	"fmt"
	"net"
	"strings"

	"github.com/labstack/echo/v4"
)

// ClientIP returns how the server learns a client's address. With no
// trusted proxies it is the connection's peer: forwarding headers are
// ignored, or anyone could claim any address and slip past per-address
// budgets. With trusted proxies, a request whose peer is one of them has
// its address read from X-Forwarded-For, right to left, skipping the
// trusted proxies' own addresses: the first address no trusted proxy
// vouches for is the client (what a client writes into the header itself
// sits further left and is never reached). A request from any other peer
// is taken at its connection's address. echo's own defaults (trusting
// loopback, link-local and private addresses) are turned off: only the
// listed ranges are trusted.
func ClientIP(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, r := range trusted {
		opts = append(opts, echo.TrustIPRange(r))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// ParseTrustedProxies reads a list of trusted proxies (--trusted-proxies):
// addresses (one host each) or CIDR ranges, comma-separated.
func ParseTrustedProxies(list string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, p := range strings.Split(list, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if !strings.Contains(p, "/") {
			ip := net.ParseIP(p)
			if ip == nil {
				return nil, fmt.Errorf("--trusted-proxies: %q is neither an address nor a CIDR range", p)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, r, err := net.ParseCIDR(p)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxies: %q is neither an address nor a CIDR range", p)
		}
		out = append(out, r)
	}
	return out, nil
}
