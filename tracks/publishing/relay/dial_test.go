package relay

import (
	"net/netip"
	"testing"
)

func TestRefusedCoversLoopbackLinkLocalAndPrivateRanges(t *testing.T) {
	for addr, refused := range map[string]bool{
		"127.0.0.1": true, "::1": true, "169.254.169.254": true, "fe80::1": true, "10.1.2.3": true,
		"172.16.0.1": true, "192.168.1.1": true, "fd00::1": true, "100.64.0.1": true, "0.0.0.0": true,
		"::ffff:127.0.0.1": true, "::ffff:10.0.0.1": true,
		"8.8.8.8": false, "2001:4860:4860::8888": false, "193.0.6.139": false,
	} {
		if got := Refused(netip.MustParseAddr(addr)); got != refused {
			t.Errorf("Refused(%s) = %v, want %v", addr, got, refused)
		}
	}
}
