package publishing

import (
	"context"
	"net/netip"
	"net/url"
	"strings"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// cgnat is the shared address space (RFC 6598), private in practice.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// Refused reports whether the relay refuses to send to ip unless the
// Secretariat allowed the endpoint's private addresses: loopback,
// link-local (169.254.169.254 is the cloud metadata service), private
// (10/8, 172.16/12, 192.168/16, fc00::/7), CGNAT, unspecified, multicast.
// Otherwise whoever controls a body's URL or DNS could make the platform
// call its own network (SSRF).
func Refused(ip netip.Addr) bool {
	ip = ip.Unmap()
	return !ip.IsValid() || ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsPrivate() || ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() || cgnat.Contains(ip)
}

// Resolver looks host names up; *net.Resolver is one.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// checkReachable refuses, at registration, an endpoint whose host is a
// refused address or resolves to one now, unless allowPrivate. A name that
// does not resolve yet is accepted: the relay checks every address it
// actually dials, which is what DNS rebinding cannot get past; this check
// only turns an obvious mistake into an immediate answer.
func checkReachable(ctx context.Context, r Resolver, raw string, allowPrivate bool) error {
	if allowPrivate {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return CheckEndpointURL(raw)
	}
	host := strings.TrimSuffix(u.Hostname(), ".")
	addrs := []netip.Addr{}
	if ip, err := netip.ParseAddr(host); err == nil {
		addrs = append(addrs, ip)
	} else if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		addrs = append(addrs, netip.IPv6Loopback())
	} else if r != nil {
		found, _ := r.LookupNetIP(ctx, "ip", host)
		addrs = append(addrs, found...)
	}
	for _, ip := range addrs {
		if Refused(ip) {
			return igfplus.Errorf(igfplus.EInvalid,
				"The endpoint's address %s is loopback, link-local or private; only the Secretariat's explicit allowance (allow_private) permits it.", ip)
		}
	}
	return nil
}
