package web

import (
	"net"

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
