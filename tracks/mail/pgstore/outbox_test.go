package pgstore_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	netmail "net/mail"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/mail"
	"github.com/igfplus/igfplus/tracks/mail/folder"
	"github.com/igfplus/igfplus/tracks/mail/pgstore"
	"github.com/igfplus/igfplus/tracks/mail/smtpsend"
	"github.com/igfplus/igfplus/tracks/mail/smtptest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func queue(tb testing.TB, o *pgstore.Outbox, to string) {
	tb.Helper()
	err := o.Enqueue(context.Background(), mail.Message{Kind: "test", To: to, Subject: "Hello " + to, Text: "Text for " + to, HTML: "<p>HTML for " + to + "</p>"})
	if err != nil {
		tb.Fatal(err)
	}
}

// smtpOutbox is an outbox on a fresh database and an SMTP sender to a
// real test server.
func smtpOutbox(t *testing.T) (*pgdb.DB, *pgstore.Outbox, *smtptest.Server, *smtpsend.Sender) {
	t.Helper()
	db := pgtest.DB(t)
	srv := smtptest.Start(t, false)
	sender, err := smtpsend.New(srv.URL, "noreply@igf.example", srv.ClientTLS)
	if err != nil {
		t.Fatal(err)
	}
	return db, pgstore.New(db, "igf.example"), srv, sender
}

// TestQueuedMailIsSentOnceThroughSMTPAndRetriedAfterARefusal: a queued
// mail reaches a real SMTP server; one refused with 451 stays queued
// (nothing lost), is sent by a later round once due, and is then marked
// sent so that no later round sends it again.
func TestQueuedMailIsSentOnceThroughSMTPAndRetriedAfterARefusal(t *testing.T) {
	ctx := context.Background()
	db, o, srv, sender := smtpOutbox(t)
	w := &mail.Worker{Outbox: o, Sender: sender, Name: "w1", Log: quiet}
	queue(t, o, "amina@example.org")
	srv.RefuseNext(1)
	if n, err := w.SendDue(ctx); err != nil || n != 0 {
		t.Fatalf("refused round: sent %d, %v", n, err)
	}
	var state, lastError string
	if err := db.Pool.QueryRow(ctx, `SELECT state, last_error FROM mail_outbox`).Scan(&state, &lastError); err != nil || state != "pending" || lastError == "" {
		t.Fatalf("after a refusal: %q %q %v, want pending with the reason", state, lastError, err)
	}
	if n, _ := w.SendDue(ctx); n != 0 {
		t.Fatal("a refused mail was sent again before its wait")
	}
	pgtest.Exec(t, db, `UPDATE mail_outbox SET next_attempt_at = now()`) // its wait is over
	if n, err := w.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("second round: sent %d, %v", n, err)
	}
	if n, _ := w.SendDue(ctx); n != 0 {
		t.Fatal("a sent mail was sent again")
	}
	got := srv.Messages()
	if len(got) != 1 || got[0].Letter(t).Subject != "Hello amina@example.org" {
		t.Fatalf("received %d messages: %+v", len(got), got)
	}
	if err := db.Pool.QueryRow(ctx, `SELECT state FROM mail_outbox`).Scan(&state); err != nil || state != "sent" {
		t.Fatalf("state %q %v", state, err)
	}
}

// TestAWorkerThatDiesLeavesItsMailToAnotherWithTheSameMessageID: a worker
// claims a mail and dies before marking it (whether or not the server had
// accepted it); once its lease runs out another worker sends it, with the
// Message-ID fixed at queueing, and the first worker's late report changes
// nothing. Two claims at once never take the same mail.
func TestAWorkerThatDiesLeavesItsMailToAnotherWithTheSameMessageID(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	o := pgstore.New(db, "igf.example")
	queue(t, o, "a@example.org")
	queue(t, o, "b@example.org")
	first, err := o.Claim(ctx, "dead", 1, time.Minute)
	if err != nil || len(first) != 1 {
		t.Fatalf("claim: %v %v", first, err)
	}
	other, err := o.Claim(ctx, "live", 10, time.Minute)
	if err != nil || len(other) != 1 || other[0].ID == first[0].ID {
		t.Fatalf("a second claim got %+v, want only the other mail", other)
	}
	if again, _ := o.Claim(ctx, "live", 10, time.Minute); len(again) != 0 {
		t.Fatalf("leased mails claimed again: %+v", again)
	}
	pgtest.Exec(t, db, `UPDATE mail_outbox SET claimed_until = now() - interval '1 second' WHERE claimed_by = 'dead'`)

	dir := t.TempDir()
	f, err := folder.New(dir, "noreply@igf.example")
	if err != nil {
		t.Fatal(err)
	}
	w := &mail.Worker{Outbox: o, Sender: f, Name: "heir", Log: quiet}
	if err := f.Send(ctx, first[0]); err != nil { // the dead worker had handed it over
		t.Fatal(err)
	}
	if n, err := w.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("heir sent %d, %v", n, err)
	}
	if err := o.Failed(ctx, "dead", first[0], "late", time.Minute, false); err != nil {
		t.Fatal(err)
	}
	var state string
	var attempts int
	if err := db.Pool.QueryRow(ctx, `SELECT state, attempts FROM mail_outbox WHERE id = $1`, first[0].ID).Scan(&state, &attempts); err != nil || state != "sent" || attempts != 2 {
		t.Fatalf("after the dead worker's late report: %q after %d attempts, %v; want sent after 2", state, attempts, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	letters, err := f.List(ctx)
	if err != nil || len(files) != 1 || len(letters) != 1 || letters[0].MessageID != first[0].MessageID {
		t.Fatalf("folder holds %d files, %+v (%v); want the one mail once", len(files), letters, err)
	}
}

// TestHeadersAreKeptByTheOutboxAndWrittenByBothSenders: a notification's
// List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) survive the outbox
// and reach a real SMTP server and the mail folder; an account letter,
// queued without them, carries neither.
func TestHeadersAreKeptByTheOutboxAndWrittenByBothSenders(t *testing.T) {
	ctx := context.Background()
	db, o, srv, sender := smtpOutbox(t)
	dir := t.TempDir()
	f, err := folder.New(dir, "noreply@igf.example")
	if err != nil {
		t.Fatal(err)
	}
	link := "<https://igf.example/unsubscribe?token=7.reminders.abc>"
	if err := o.Enqueue(ctx, mail.Message{Kind: "reminder", To: "a@example.org", Subject: "Soon", Text: "t", Headers: map[string]string{
		"List-Unsubscribe": link, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}}); err != nil {
		t.Fatal(err)
	}
	queue(t, o, "b@example.org")
	for _, s := range []mail.Sender{sender, f} {
		pgtest.Exec(t, db, `UPDATE mail_outbox SET state = 'pending'`)
		w := &mail.Worker{Outbox: o, Sender: s, Name: "w", Log: quiet}
		if n, err := w.SendDue(ctx); err != nil || n != 2 {
			t.Fatalf("sent %d, %v", n, err)
		}
	}
	var raws [][]byte
	for _, r := range srv.Wait(t, 2, 10*time.Second) {
		raws = append(raws, r.Raw)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, b)
	}
	if len(raws) != 4 {
		t.Fatalf("%d mails received and kept, want 4", len(raws))
	}
	for _, raw := range raws {
		m, err := netmail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		unsub, post := m.Header.Get("List-Unsubscribe"), m.Header.Get("List-Unsubscribe-Post")
		if m.Header.Get("To") == "<a@example.org>" && (unsub != link || post != "List-Unsubscribe=One-Click") {
			t.Errorf("the notification's headers: %q, %q\n%s", unsub, post, raw)
		}
		if m.Header.Get("To") == "<b@example.org>" && (unsub != "" || post != "") {
			t.Errorf("the letter carries %q, %q", unsub, post)
		}
	}
}
