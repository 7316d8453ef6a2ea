package relay

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"

	"github.com/igfplus/igfplus/tracks/publishing"
)

// ErrPrivateAddress is returned when an endpoint resolves to an address
// the relay refuses (publishing.RefusedRange): it would let whoever
// controls a body's DNS make the platform call its own network (SSRF).
var ErrPrivateAddress = errors.New("relay: endpoint resolves to a special-purpose or private address")

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
	if why, refused := publishing.RefusedRange(ip); refused {
		return fmt.Errorf("%w (%s: %s)", ErrPrivateAddress, ip, why)
	}
	return nil
}
