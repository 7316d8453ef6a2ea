package publishing_test

import (
	"context"
	"net/netip"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// TestTheRelayRefusesEverySpecialPurposeAddress: one or more addresses of
// every range of the IANA IPv4 and IPv6 special-purpose registries, of
// multicast and the reserved spaces, and the forms that embed an IPv4
// address, are refused; global unicast addresses, and the NAT64 and mapped
// forms of a public IPv4 address, are not. The table is written from the
// registries, not from SpecialRanges, so a range missing there fails here.
func TestTheRelayRefusesEverySpecialPurposeAddress(t *testing.T) {
	refused := []string{
		// IPv4 special-purpose registry.
		"0.0.0.0", "0.0.0.1", "0.255.255.255", // this network
		"10.0.0.1", "10.255.255.255", // private
		"100.64.0.1", "100.127.255.254", // CGNAT
		"127.0.0.1", "127.255.255.254", // loopback
		"169.254.169.254", "169.254.0.1", // link-local, the cloud metadata service
		"172.16.0.1", "172.31.255.254", // private
		"192.0.0.1", "192.0.0.8", "192.0.0.9", "192.0.0.10", "192.0.0.170", "192.0.0.171", // IETF protocol assignments
		"192.0.2.1",       // TEST-NET-1
		"192.31.196.1",    // AS112-v4
		"192.52.193.1",    // AMT
		"192.88.99.1",     // 6to4 relay anycast
		"192.168.0.1",     // private
		"192.175.48.1",    // AS112 direct delegation
		"198.18.0.1",      // benchmarking
		"198.19.255.254",  // benchmarking
		"198.51.100.1",    // TEST-NET-2
		"203.0.113.1",     // TEST-NET-3
		"224.0.0.1",       // multicast
		"239.255.255.250", // multicast (SSDP)
		"240.0.0.1",       // reserved
		"254.255.255.254", // reserved
		"255.255.255.255", // broadcast

		// IPv6 special-purpose registry.
		"::", "::1", // unspecified, loopback
		"::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::ffff:0.0.0.1", // mapped forms of refused IPv4
		"::7f00:1", "::808:808", // IPv4-compatible (deprecated), whatever it embeds
		"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::a00:1", "64:ff9b::c612:1", // NAT64 of refused IPv4
		"64:ff9b:1::1", "64:ff9b:1:ffff::808:808", // local-use NAT64
		"100::1", "100::ffff:ffff:ffff:ffff", // discard-only
		"100:0:0:1::1",                   // dummy prefix
		"2001::1", "2001:0:4136:e378::1", // Teredo
		"2001:1::1", "2001:1::2", "2001:1::3", // PCP, TURN, DNS-SD anycast
		"2001:2::1",              // benchmarking
		"2001:3::1",              // AMT
		"2001:4:112::1",          // AS112-v6
		"2001:10::1",             // ORCHID
		"2001:20::1",             // ORCHIDv2
		"2001:30::1",             // drone remote ID
		"2001:1ff::1",            // the rest of 2001::/23
		"2001:db8::1",            // documentation
		"2002:7f00:1::",          // 6to4 of 127.0.0.1
		"2002:808:808::1",        // 6to4, whatever it embeds
		"2620:4f:8000::1",        // AS112 direct delegation
		"3fff::1", "3fff:fff::1", // documentation
		"5f00::1",                 // SRv6 SIDs
		"fc00::1", "fd12:3456::1", // unique local
		"fe80::1", "fe80::1%eth0", "febf::1", // link-local
		"fec0::1",            // site-local
		"ff02::1", "ff0e::1", // multicast
		"200::1", "4000::1", "e000::1", "::2:1", // outside global unicast
	}
	for _, s := range refused {
		ip := netip.MustParseAddr(s)
		if why, ok := publishing.RefusedRange(ip); !ok || why == "" {
			t.Errorf("%s is not refused", s)
		}
	}
	allowed := []string{
		"8.8.8.8", "1.1.1.1", "93.184.216.34", "100.63.255.255", "100.128.0.0", "172.32.0.1", "192.0.1.1", "198.20.0.1", "223.255.255.254",
		"::ffff:8.8.8.8",                         // how the resolver hands back an IPv4 address
		"64:ff9b::808:808", "64:ff9b::5db8:d822", // NAT64 of a public IPv4 address (DNS64 on an IPv6-only node)
		"2606:4700:4700::1111", "2001:4860:4860::8888", "2001:200::1", "2a00:1450::1",
	}
	for _, s := range allowed {
		if why, ok := publishing.RefusedRange(netip.MustParseAddr(s)); ok {
			t.Errorf("%s is refused (%s), want it allowed", s, why)
		}
	}
	// Every listed range, from its first address to its last.
	for _, r := range publishing.SpecialRanges {
		first := r.Prefix.Masked().Addr()
		last := first
		for b := r.Prefix.Bits(); b < first.BitLen(); b++ {
			last = setBit(last, b)
		}
		for _, ip := range []netip.Addr{first, last} {
			if !publishing.Refused(ip) {
				t.Errorf("%s of %s (%s) is not refused", ip, r.Prefix, r.Name)
			}
		}
	}
	if !publishing.Refused(netip.Addr{}) {
		t.Error("the zero address is not refused")
	}
}

func setBit(ip netip.Addr, bit int) netip.Addr {
	b := ip.AsSlice()
	b[bit/8] |= 0x80 >> (bit % 8)
	out, _ := netip.AddrFromSlice(b)
	return out
}

// endpointStore accepts every endpoint (any other method panics).
type endpointStore struct {
	publishing.Store
	added []string
}

func (s *endpointStore) AddEndpoint(_ context.Context, e publishing.Endpoint) (publishing.Endpoint, error) {
	s.added = append(s.added, e.URL)
	return e, nil
}

// resolver answers every name with the addresses of names.
type resolver map[string][]netip.Addr

func (r resolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	return r[host], nil
}

// TestRegistrationRefusesEndpointsOnSpecialPurposeAddresses: the addresses
// the attacker's look got past registration ([64:ff9b::7f00:1],
// [2002:7f00:1::], [::7f00:1], 0.0.0.1, 198.18.0.1) and names resolving to
// them are refused without the allowance, naming the range; a public
// address, the NAT64 form of one, and the allowance pass.
func TestRegistrationRefusesEndpointsOnSpecialPurposeAddresses(t *testing.T) {
	ctx := context.Background()
	store := &endpointStore{}
	svc := publishing.NewService(store)
	svc.ResolveWith(resolver{
		"metadata.example": {netip.MustParseAddr("64:ff9b::a9fe:a9fe")},
		"bench.example":    {netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("198.18.0.1")},
		"body.example":     {netip.MustParseAddr("::ffff:93.184.216.34"), netip.MustParseAddr("2606:2800:220:1::1")},
		"nat64.example":    {netip.MustParseAddr("64:ff9b::5db8:d822")},
	})
	sec := igfplus.Identity{AccountID: 1, Roles: []igfplus.Role{igfplus.RoleSecretariat}}
	for _, u := range []string{"https://[64:ff9b::7f00:1]/hook", "https://[2002:7f00:1::]/hook", "https://[::7f00:1]/hook",
		"http://0.0.0.1/hook", "https://198.18.0.1/hook", "https://[::ffff:127.0.0.1]/hook", "https://metadata.example/hook",
		"https://bench.example/hook", "https://[fe80::1%25eth0]/hook", "https://240.0.0.1/"} {
		_, err := svc.AddEndpoint(ctx, sec, publishing.Endpoint{BodyID: 1, URL: u})
		if igfplus.ErrorCode(err) != igfplus.EInvalid || !strings.Contains(err.Error(), "allow_private") {
			t.Errorf("%s: %v, want refused", u, err)
		}
	}
	if len(store.added) != 0 {
		t.Fatalf("refused endpoints reached the store: %v", store.added)
	}
	for _, e := range []publishing.Endpoint{{BodyID: 1, URL: "https://body.example/hook"}, {BodyID: 1, URL: "https://nat64.example/hook"},
		{BodyID: 1, URL: "https://93.184.216.34/hook"}, {BodyID: 1, URL: "https://[64:ff9b::7f00:1]/hook", AllowPrivate: true}} {
		if _, err := svc.AddEndpoint(ctx, sec, e); err != nil {
			t.Errorf("%s (allow_private %v): %v", e.URL, e.AllowPrivate, err)
		}
	}
}
