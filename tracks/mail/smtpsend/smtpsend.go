// Package smtpsend sends mail through an SMTP server (mail.Sender), with
// github.com/wneessen/go-mail: a maintained library that speaks STARTTLS
// and implicit TLS, negotiates SMTP AUTH (SCRAM, PLAIN, LOGIN…), tells
// temporary refusals from permanent ones, and writes the MIME message
// (plain text with an HTML alternative) that the folder sender keeps too.
package smtpsend

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	gomail "github.com/wneessen/go-mail"

	"github.com/igfplus/igfplus/tracks/mail"
)

// Sender is the SMTP mail.Sender.
type Sender struct {
	from string
	opts []gomail.Option
	host string
}

var _ mail.Sender = (*Sender)(nil)

// New returns a Sender for rawURL, sending from from:
//
//	smtp://user:password@host:587    STARTTLS, required (default port 587)
//	smtps://user:password@host:465   TLS from the first byte (default port 465)
//	smtp://host:25?tls=opportunistic STARTTLS when the server offers it
//	smtp://host:25?tls=none          no TLS (a relay on the same machine)
//
// The user and password, when given, are sent with the strongest
// mechanism the server offers, and never without TLS unless tls=none.
// tlsConfig (nil: the system's roots) is for tests and private CAs.
func New(rawURL, from string, tlsConfig *tls.Config) (*Sender, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errors.New("smtpsend: the SMTP URL does not parse") // err would repeat the password
	}
	if u.Hostname() == "" {
		return nil, errors.New("smtpsend: the SMTP URL names no host")
	}
	if tlsConfig == nil {
		tlsConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	tlsConfig = tlsConfig.Clone()
	tlsConfig.ServerName = u.Hostname()
	opts := []gomail.Option{gomail.WithTLSConfig(tlsConfig)}
	port := 587
	switch u.Scheme {
	case "smtp":
		policy, err := tlsPolicy(u.Query().Get("tls"))
		if err != nil {
			return nil, err
		}
		opts = append(opts, gomail.WithTLSPolicy(policy))
	case "smtps":
		port = 465
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("smtpsend: the SMTP URL's scheme must be smtp or smtps, not %q", u.Scheme)
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("smtpsend: bad port %q", p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if user := u.User.Username(); user != "" {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(user), gomail.WithPassword(pass))
	}
	if _, err := Compose(mail.Message{To: "check@example.org"}, from); err != nil {
		return nil, fmt.Errorf("smtpsend: the sender address %q: %w", from, err)
	}
	return &Sender{from: from, opts: opts, host: u.Hostname()}, nil
}

func tlsPolicy(s string) (gomail.TLSPolicy, error) {
	switch s {
	case "", "starttls", "mandatory":
		return gomail.TLSMandatory, nil
	case "opportunistic":
		return gomail.TLSOpportunistic, nil
	case "none":
		return gomail.NoTLS, nil
	}
	return 0, fmt.Errorf("smtpsend: tls must be starttls, opportunistic or none, not %q", s)
}

// Send implements mail.Sender: one connection per mail, so that a broken
// connection never holds other mails (the outbox batches are small).
func (s *Sender) Send(ctx context.Context, m mail.Message) error {
	msg, err := Compose(m, s.from)
	if err != nil {
		return mail.Permanent(err)
	}
	c, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return err
	}
	err = c.DialAndSendWithContext(ctx, msg)
	var se *gomail.SendError
	if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 {
		return mail.Permanent(err)
	}
	return err
}

// Compose builds the MIME message of m from from: plain text with an HTML
// alternative, m's Message-ID and extra headers, dated when it was
// queued.
func Compose(m mail.Message, from string) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, err
	}
	if err := msg.To(m.To); err != nil {
		return nil, err
	}
	msg.Subject(m.Subject)
	if m.MessageID != "" {
		msg.SetMessageIDWithValue(m.MessageID)
	}
	if !m.QueuedAt.IsZero() {
		msg.SetDateWithValue(m.QueuedAt)
	} else {
		msg.SetDate()
	}
	// Automatic mail: no out-of-office answers to it (RFC 3834).
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	for name, value := range m.Headers {
		msg.SetGenHeader(gomail.Header(name), value)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}
