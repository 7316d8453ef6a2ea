package publishing

import (
	"context"
	"fmt"
	"net/netip"
	"net/url"
	"strings"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// SpecialRange is a range of addresses the relay never sends to without
// the Secretariat's allowance, with the name the refusal gives.
type SpecialRange struct {
	Prefix netip.Prefix
	Name   string
}

func special(prefix, name string) SpecialRange {
	return SpecialRange{Prefix: netip.MustParsePrefix(prefix), Name: name}
}

// SpecialRanges are the ranges of the IANA IPv4 and IPv6 Special-Purpose
// Address Registries (RFC 6890 and its updates), every one of them, even
// those marked globally reachable (anycast services, AS112): no body's
// endpoint lives there. Multicast, IPv4's 240.0.0.0/4 and IPv6 outside the
// global unicast space are added, and IPv6's deprecated site-local space.
//
// Two forms carry an IPv4 address and are judged by it instead (Refused):
// the IPv4-mapped form ::ffff:0:0/96, which is how Go's resolver hands back
// IPv4 addresses and which connects over IPv4, and the NAT64 well-known
// prefix 64:ff9b::/96 (RFC 6052), which a DNS64 resolver gives an
// IPv6-only node for every IPv4-only host: refusing it whole would stop the
// relay on such a network, and what it reaches is the IPv4 address it
// embeds, so 64:ff9b::a9fe:a9fe (169.254.169.254, the cloud metadata
// service) is refused and 64:ff9b::5db8:d822 is not. The other forms that
// embed an IPv4 address (IPv4-compatible ::/96, 6to4 2002::/16, the
// local-use NAT64 prefix 64:ff9b:1::/48, Teredo in 2001::/32) are
// deprecated or local and refused whole.
var SpecialRanges = []SpecialRange{
	// IPv4 (iana.org/assignments/iana-ipv4-special-registry).
	special("0.0.0.0/8", "\"this network\" (RFC 791)"),
	special("10.0.0.0/8", "private (RFC 1918)"),
	special("100.64.0.0/10", "shared address space, CGNAT (RFC 6598)"),
	special("127.0.0.0/8", "loopback (RFC 1122)"),
	special("169.254.0.0/16", "link-local (RFC 3927)"),
	special("172.16.0.0/12", "private (RFC 1918)"),
	special("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
	special("192.0.2.0/24", "documentation, TEST-NET-1 (RFC 5737)"),
	special("192.31.196.0/24", "AS112-v4 (RFC 7535)"),
	special("192.52.193.0/24", "AMT (RFC 7450)"),
	special("192.88.99.0/24", "deprecated 6to4 relay anycast (RFC 7526)"),
	special("192.168.0.0/16", "private (RFC 1918)"),
	special("192.175.48.0/24", "direct delegation AS112 service (RFC 7534)"),
	special("198.18.0.0/15", "benchmarking (RFC 2544)"),
	special("198.51.100.0/24", "documentation, TEST-NET-2 (RFC 5737)"),
	special("203.0.113.0/24", "documentation, TEST-NET-3 (RFC 5737)"),
	special("224.0.0.0/4", "multicast (RFC 5771)"),
	special("240.0.0.0/4", "reserved (RFC 1112)"),
	special("255.255.255.255/32", "limited broadcast (RFC 919)"),

	// IPv6 (iana.org/assignments/iana-ipv6-special-registry).
	special("::/128", "unspecified (RFC 4291)"),
	special("::1/128", "loopback (RFC 4291)"),
	special("::/96", "IPv4-compatible, deprecated (RFC 4291)"),
	special("64:ff9b:1::/48", "local-use IPv4/IPv6 translation (RFC 8215)"),
	special("100::/64", "discard-only (RFC 6666)"),
	special("100:0:0:1::/64", "dummy IPv6 prefix (RFC 9780)"),
	special("2001::/23", "IETF protocol assignments (RFC 2928), Teredo among them"),
	special("2001:db8::/32", "documentation (RFC 3849)"),
	special("2002::/16", "6to4 (RFC 3056)"),
	special("2620:4f:8000::/48", "direct delegation AS112 service (RFC 7534)"),
	special("3fff::/20", "documentation (RFC 9637)"),
	special("5f00::/16", "segment routing SIDs (RFC 9602)"),
	special("fc00::/7", "unique local (RFC 4193)"),
	special("fe80::/10", "link-local (RFC 4291)"),
	special("fec0::/10", "site-local, deprecated (RFC 3879)"),
	special("ff00::/8", "multicast (RFC 4291)"),
}

var (
	mapped        = netip.MustParsePrefix("::ffff:0:0/96")
	nat64         = netip.MustParsePrefix("64:ff9b::/96")
	globalUnicast = netip.MustParsePrefix("2000::/3")
)

// RefusedRange names why the relay refuses to send to ip unless the
// Secretariat allowed the endpoint's private addresses: the special range
// it is in (SpecialRanges), or, for an IPv6 address outside every listed
// range, that it is not global unicast (outside 2000::/3). ok is false for
// an address the relay may send to. Whoever controls a body's URL or DNS
// could otherwise make the platform call its own network or its cloud's
// metadata service (SSRF).
func RefusedRange(ip netip.Addr) (why string, ok bool) {
	if !ip.IsValid() {
		return "not an IP address", true
	}
	ip = ip.WithZone("")
	if mapped.Contains(ip) {
		ip = ip.Unmap()
	}
	if nat64.Contains(ip) {
		b := ip.As16()
		v4 := netip.AddrFrom4([4]byte(b[12:]))
		if why, ok := RefusedRange(v4); ok {
			return fmt.Sprintf("NAT64 (RFC 6052) of %s, %s", v4, why), true
		}
		return "", false
	}
	for _, r := range SpecialRanges {
		if r.Prefix.Contains(ip) {
			return r.Prefix.String() + ", " + r.Name, true
		}
	}
	if ip.Is6() && !globalUnicast.Contains(ip) {
		return "outside IPv6 global unicast (2000::/3)", true
	}
	return "", false
}

// Refused reports whether the relay refuses to send to ip unless the
// Secretariat allowed the endpoint's private addresses (RefusedRange).
func Refused(ip netip.Addr) bool {
	_, refused := RefusedRange(ip)
	return refused
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
		if why, refused := RefusedRange(ip); refused {
			return igfplus.Errorf(igfplus.EInvalid,
				"The endpoint's address %s is a special-purpose or private address (%s); only the Secretariat's explicit allowance (allow_private) permits it.", ip, why)
		}
	}
	return nil
}
