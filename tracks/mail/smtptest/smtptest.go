// Package smtptest is the tests' SMTP server (github.com/emersion/go-smtp)
// on 127.0.0.1: STARTTLS or TLS from the first byte with a certificate
// made for the test, AUTH PLAIN required, every accepted message kept so
// that a test reads what a person would have received. It can refuse the
// next messages with a temporary error, to test retries.
package smtptest

import (
	"crypto/tls"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/igfplus/igfplus/tracks/mail/folder"
)

// The account the server requires.
const (
	User     = "igfplus"
	Password = "test-password"
)

// Received is one accepted message.
type Received struct {
	From string
	To   []string
	Raw  []byte
	// TLS is whether the message came over an encrypted connection.
	TLS bool
}

// Letter parses the message.
func (r Received) Letter(tb testing.TB) folder.Letter {
	tb.Helper()
	l, err := folder.Parse(r.Raw)
	if err != nil {
		tb.Fatalf("smtptest: parse the received message: %v\n%s", err, r.Raw)
	}
	return l
}

// Server is a running test SMTP server.
type Server struct {
	// URL is its --smtp-url, with the user and password.
	URL string
	// ClientTLS trusts the server's certificate.
	ClientTLS *tls.Config
	// CertPEM is that certificate, for a child process's SSL_CERT_FILE.
	CertPEM []byte

	mu       sync.Mutex
	received []Received
	refuse   int
	arrived  chan struct{}
}

// Start starts a server on 127.0.0.1 until the test ends: implicit TLS
// (smtps://) when implicitTLS, else STARTTLS (smtp://).
func Start(tb testing.TB, implicitTLS bool) *Server {
	tb.Helper()
	cert, pool := certificate(tb)
	s := &Server{ClientTLS: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}, arrived: make(chan struct{}, 1),
		CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]})}
	srv := smtp.NewServer(backend{s})
	srv.Domain = "127.0.0.1"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	var l net.Listener
	var err error
	scheme := "smtp"
	if implicitTLS {
		scheme = "smtps"
		l, err = tls.Listen("tcp", "127.0.0.1:0", srv.TLSConfig)
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		tb.Fatalf("smtptest: listen: %v", err)
	}
	go srv.Serve(l)
	tb.Cleanup(func() { srv.Close() })
	s.URL = (&url.URL{Scheme: scheme, User: url.UserPassword(User, Password), Host: l.Addr().String()}).String()
	return s
}

// RefuseNext makes the server answer the next n messages' DATA with a
// temporary failure (451).
func (s *Server) RefuseNext(n int) {
	s.mu.Lock()
	s.refuse = n
	s.mu.Unlock()
}

// Messages returns what the server accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Wait returns the accepted messages once there are at least n, failing
// the test after timeout.
func (s *Server) Wait(tb testing.TB, n int, timeout time.Duration) []Received {
	tb.Helper()
	deadline := time.After(timeout)
	for {
		if got := s.Messages(); len(got) >= n {
			return got
		}
		select {
		case <-s.arrived:
		case <-deadline:
			tb.Fatalf("smtptest: %d messages after %v, want %d", len(s.Messages()), timeout, n)
		}
	}
}

type backend struct{ s *Server }

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	_, isTLS := c.TLSConnectionState()
	return &session{s: b.s, tls: isTLS, conn: c}, nil
}

type session struct {
	s      *Server
	conn   *smtp.Conn
	tls    bool
	authed bool
	msg    Received
}

func (se *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (se *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != User || pass != Password {
			return errors.New("invalid user name or password")
		}
		se.authed = true
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if !se.authed {
		return smtp.ErrAuthRequired
	}
	se.msg = Received{From: from}
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.msg.To = append(se.msg.To, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s := se.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refuse > 0 {
		s.refuse--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	_, se.msg.TLS = se.conn.TLSConnectionState()
	se.msg.Raw = raw
	s.received = append(s.received, se.msg)
	select {
	case s.arrived <- struct{}{}:
	default:
	}
	return nil
}

func (se *session) Reset()        { se.msg = Received{} }
func (se *session) Logout() error { return nil }

// String describes the server for test logs.
func (s *Server) String() string { return fmt.Sprintf("smtptest %s", s.URL) }
