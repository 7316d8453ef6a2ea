package hub

import (
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestConnLimitsCapAccountsPerRoomAndAddresses: an account's connections
// are capped per room, an address's over every room and the signed-out
// too; a connection given back (once, however often release is called)
// makes room again; 0 is no cap.
func TestConnLimitsCapAccountsPerRoomAndAddresses(t *testing.T) {
	l := newConnLimits(2, 3)
	mustTake := func(room string, account int64, addr string) func() {
		t.Helper()
		release, err := l.take(room, account, addr)
		if err != nil {
			t.Fatalf("take(%s, %d, %s): %v", room, account, addr, err)
		}
		return release
	}
	refused := func(room string, account int64, addr string) {
		t.Helper()
		if _, err := l.take(room, account, addr); igfplus.ErrorCode(err) != igfplus.ERateLimited {
			t.Errorf("take(%s, %d, %s): %v, want rate_limited", room, account, addr, err)
		}
	}
	a := mustTake("r1", 7, "192.0.2.1")
	mustTake("r1", 7, "192.0.2.2")
	refused("r1", 7, "192.0.2.3")  // the account's third in r1
	mustTake("r2", 7, "192.0.2.1") // another room
	mustTake("r1", 0, "192.0.2.1") // the signed-out count by address
	refused("r3", 8, "192.0.2.1")  // the address's fourth
	a()
	a() // twice, given back once
	mustTake("r1", 7, "192.0.2.3")
	refused("r1", 7, "192.0.2.4")

	none := newConnLimits(0, 0)
	for range 10 {
		if _, err := none.take("r", 7, "192.0.2.1"); err != nil {
			t.Fatalf("no cap: %v", err)
		}
	}
}
