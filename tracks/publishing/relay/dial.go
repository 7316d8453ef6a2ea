package relay

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrPrivateAddress is returned when an endpoint resolves to an address
// the relay refuses: it would let whoever controls a body's DNS make the
// platform call its own network (SSRF).
var ErrPrivateAddress = errors.New("relay: endpoint resolves to a loopback, link-local or private address")

// cgnat is the shared address space (RFC 6598), private in practice.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// Refused reports whether the relay refuses to connect to ip by default.
func Refused(ip netip.Addr) bool {
	ip = ip.Unmap()
	return !ip.IsValid() || ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsPrivate() || ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() || cgnat.Contains(ip)
}

// refusePrivate is a net.Dialer Control hook. It runs after resolution, on
// the address actually dialled, so a name that resolves differently on a
// second lookup (DNS rebinding) cannot slip past a check made earlier.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("relay: dialling %q: %w", address, err)
	}
	if Refused(ip) {
		return fmt.Errorf("%w (%s)", ErrPrivateAddress, ip)
	}
	return nil
}
