package smtpsend_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/mail"
	"github.com/igfplus/igfplus/tracks/mail/smtpsend"
	"github.com/igfplus/igfplus/tracks/mail/smtptest"
)

// TestSendsOverTLSWithAuthAndBothBodies sends through a real SMTP server,
// once with STARTTLS and once with TLS from the first byte, and reads
// back what it received: sender, recipient, Message-ID, subject in Arabic,
// the plain-text body and the HTML alternative.
func TestSendsOverTLSWithAuthAndBothBodies(t *testing.T) {
	for _, implicit := range []bool{false, true} {
		srv := smtptest.Start(t, implicit)
		s, err := smtpsend.New(srv.URL, "IGF Plus <noreply@igf.example>", srv.ClientTLS)
		if err != nil {
			t.Fatal(err)
		}
		m := mail.Message{MessageID: "m1@igf.example", To: "amina@example.org", Subject: "تأكيد عنوان بريدك",
			Text: "Open https://igf.example/verify-email?token=abc", HTML: "<p><a href=\"https://igf.example/x\">اضغط</a></p>",
			QueuedAt: time.Now()}
		if err := s.Send(context.Background(), m); err != nil {
			t.Fatalf("implicit TLS %v: %v", implicit, err)
		}
		got := srv.Wait(t, 1, 10*time.Second)[0]
		l := got.Letter(t)
		if !got.TLS || got.From != "noreply@igf.example" || len(got.To) != 1 || got.To[0] != "amina@example.org" {
			t.Errorf("implicit TLS %v: received %+v", implicit, got)
		}
		if l.MessageID != "m1@igf.example" || l.Subject != m.Subject || strings.TrimSpace(l.Text) != m.Text || !strings.Contains(l.HTML, "اضغط") {
			t.Errorf("implicit TLS %v: letter %+v", implicit, l)
		}
	}
}

// TestATemporaryRefusalIsRetryableAndBadURLsAreRefused: a 451 is not
// permanent (the worker tries again), and a URL that would send the
// password in clear or names no host is refused at start.
func TestATemporaryRefusalIsRetryableAndBadURLsAreRefused(t *testing.T) {
	srv := smtptest.Start(t, false)
	srv.RefuseNext(1)
	s, err := smtpsend.New(srv.URL, "noreply@igf.example", srv.ClientTLS)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), mail.Message{To: "a@example.org", Subject: "s", Text: "t"})
	if err == nil || mail.IsPermanent(err) {
		t.Fatalf("refused once: %v, want a temporary error", err)
	}
	for _, bad := range []string{"http://mail.example", "smtp://", "smtp://h?tls=maybe", "smtp://h:port"} {
		if _, err := smtpsend.New(bad, "noreply@igf.example", nil); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
	if _, err := smtpsend.New("smtp://h", "not an address", nil); err == nil {
		t.Error("a bad sender address was accepted")
	}
}
