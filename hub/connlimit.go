package hub

import (
	"net"
	"net/http"
	"sync"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// connLimits counts this node's open connections per account and room and
// per client address, so that one account cannot open a thousand sockets
// to a room (each with its own message budget, and each a share of the
// room's fanout), nor one address flood the node. The counts are this
// node's: behind a load balancer that spreads one person's sockets, each
// node allows its own few.
type connLimits struct {
	perAccount, perAddress int

	mu        sync.Mutex
	accounts  map[accountRoom]int
	addresses map[string]int
}

type accountRoom struct {
	account int64
	room    string
}

func newConnLimits(perAccount, perAddress int) *connLimits {
	return &connLimits{perAccount: perAccount, perAddress: perAddress,
		accounts: map[accountRoom]int{}, addresses: map[string]int{}}
}

// take counts one more connection of account (0: someone not signed in,
// counted by address only) to room from addr, or refuses it with
// rate_limited (429 before the upgrade). The returned release gives it
// back once the connection has ended; it may be called more than once.
func (l *connLimits) take(room string, account int64, addr string) (release func(), err error) {
	k := accountRoom{account, room}
	l.mu.Lock()
	defer l.mu.Unlock()
	if account != 0 && l.perAccount > 0 && l.accounts[k] >= l.perAccount {
		return nil, igfplus.Errorf(igfplus.ERateLimited,
			"You already have %d live connections to this room (other tabs or devices): close one, then try again.", l.perAccount)
	}
	if l.perAddress > 0 && l.addresses[addr] >= l.perAddress {
		return nil, igfplus.Errorf(igfplus.ERateLimited, "Too many live connections from your network: try again later.")
	}
	if account != 0 {
		l.accounts[k]++
	}
	l.addresses[addr]++
	var once sync.Once
	return func() { once.Do(func() { l.give(k, addr) }) }, nil
}

func (l *connLimits) give(k accountRoom, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if k.account != 0 {
		if l.accounts[k]--; l.accounts[k] <= 0 {
			delete(l.accounts, k)
		}
	}
	if l.addresses[addr]--; l.addresses[addr] <= 0 {
		delete(l.addresses, addr)
	}
}

// peerAddress is a request's client address when the hub is given no
// ClientAddress: the connection's peer, without its port.
func peerAddress(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}
