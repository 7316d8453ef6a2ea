package accounts_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// blockingHasher holds every verification until release is closed.
type blockingHasher struct {
	plainHasher
	started chan struct{}
	release chan struct{}
}

func (h *blockingHasher) Verify(pw, enc string) (bool, error) {
	if !strings.HasPrefix(enc, "plain:not") { // the dummy hash is made, not checked
		h.started <- struct{}{}
		<-h.release
	}
	return h.plainHasher.Verify(pw, enc)
}

// With every hashing slot taken, a sign-in, for an unknown e-mail too, is
// refused with EUnavailable and a retry time rather than queued without
// bound: no more hashes (argon2id's memory each) run at once than slots.
func TestSignInsBeyondTheHashingSlotsAreRefusedWithARetryTime(t *testing.T) {
	h := &blockingHasher{started: make(chan struct{}, 1), release: make(chan struct{})}
	svc, err := accounts.NewService(accounts.Config{Store: pgstore.New(pgtest.DB(t)), Tokens: fakeTokens{}, Hasher: h,
		HashSlots: 1, HashWait: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := svc.Register(ctx, accounts.RegisterInput{Email: "first@example.org", Password: "a long passphrase", DisplayName: "First",
		StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		_, err := svc.SignIn(ctx, "first@example.org", "a long passphrase")
		done <- err
	}()
	<-h.started // the one slot is busy
	for _, email := range []string{"nobody@example.org", "first@example.org"} {
		_, err := svc.SignIn(ctx, email, "a long passphrase")
		if igfplus.ErrorCode(err) != igfplus.EUnavailable {
			t.Fatalf("%s with every slot busy: %v, want unavailable", email, err)
		}
		if after, ok := igfplus.RetryAfter(err); !ok || after <= 0 {
			t.Fatalf("no retry time on %v", err)
		}
	}
	close(h.release)
	if err := <-done; err != nil {
		t.Fatalf("the sign-in holding the slot: %v", err)
	}
}
