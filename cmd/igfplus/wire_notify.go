package main

import (
	"crypto/ed25519"
	"crypto/sha256"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/notify"
	notifystore "github.com/igfplus/igfplus/tracks/notify/pgstore"
)

// wireNotify builds the notifications by e-mail: queued through the mail
// outbox, written by the letters' renderer, their unsubscribe links signed
// with a key derived from the token signing key (the same on every node;
// a new token key makes the links in mails already sent invalid, which
// the unsubscribe page then says, and the profile still works).
func wireNotify(db *pgdb.DB, signing ed25519.PrivateKey, m *outgoingMail) *notify.Service {
	key := sha256.Sum256(append([]byte("igfplus notify unsubscribe v1\x00"), signing.Seed()...))
	return notify.New(notifystore.New(db, m.outbox), notify.NewTokens(key[:]), m.queue.Renderer)
}
