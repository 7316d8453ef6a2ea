package relay_test

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/relay"
)

// post is the error of a POST as net/http wraps it, around err.
func post(err error) error {
	return &url.Error{Op: "Post", URL: "https://body.example.org/hook", Err: err}
}

// TestClassifySaysWhyByTheErrorsType: each kind of failure the relay meets
// is told from the error's type as net/http wraps it, never from its text.
func TestClassifySaysWhyByTheErrorsType(t *testing.T) {
	dial := func(err error) error { return post(&net.OpError{Op: "dial", Net: "tcp", Err: err}) }
	cases := []struct {
		name   string
		status int
		err    error
		want   publishing.Failure
	}{
		{"delivered", 204, nil, publishing.NoFailure},
		{"no such host", 0, dial(&net.DNSError{Err: "no such host", Name: "body.invalid", IsNotFound: true}), publishing.FailNoSuchHost},
		{"the name server timed out", 0, dial(&net.DNSError{Err: "i/o timeout", Name: "body.example.org", IsTimeout: true}), publishing.FailTimeout},
		{"the name server failed", 0, dial(&net.DNSError{Err: "server misbehaving", Name: "body.example.org"}), publishing.FailDNS},
		{"connection refused", 0, dial(os.NewSyscallError("connect", syscall.ECONNREFUSED)), publishing.FailRefused},
		{"connection reset", 0, post(&net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}), publishing.FailReset},
		{"no route", 0, dial(os.NewSyscallError("connect", syscall.EHOSTUNREACH)), publishing.FailUnreachable},
		{"client timeout", 0, post(context.DeadlineExceeded), publishing.FailTimeout},
		{"unknown authority", 0, post(x509.UnknownAuthorityError{}), publishing.FailTLS},
		{"wrong host name", 0, post(x509.HostnameError{Certificate: &x509.Certificate{}, Host: "body.example.org"}), publishing.FailTLS},
		{"expired", 0, post(x509.CertificateInvalidError{Reason: x509.Expired}), publishing.FailTLS},
		{"private address", 0, dial(fmt.Errorf("%w (127.0.0.1: loopback)", relay.ErrPrivateAddress)), publishing.FailPrivateAddress},
		{"something else", 0, post(errors.New("net/http: HTTP/1.x transport connection broken")), publishing.FailUnclassified},
		{"redirect", 301, nil, publishing.FailRedirect},
		{"bad signature", 401, nil, publishing.FailSignature},
		{"forbidden", 403, nil, publishing.FailSignature},
		{"not found", 404, nil, publishing.FailNotFound},
		{"gone", 410, nil, publishing.FailGone},
		{"too large", 413, nil, publishing.FailTooLarge},
		{"too many", 429, nil, publishing.FailRateLimited},
		{"bad request", 400, nil, publishing.FailRejected},
		{"unavailable", 503, nil, publishing.FailUnavailable},
		{"server error", 500, nil, publishing.FailServerError},
	}
	for _, c := range cases {
		if got := relay.Classify(c.status, c.err); got != c.want {
			t.Errorf("%s: Classify(%d, %v) = %q, want %q", c.name, c.status, c.err, got, c.want)
		}
	}
}

// TestClassifyKnowsTheErrorsNetHTTPReallyReturns: real connections, so that
// a change in how net/http wraps its errors shows here: a port nobody
// listens on, a server whose certificate nobody trusts, and one that does
// not answer in time.
func TestClassifyKnowsTheErrorsNetHTTPReallyReturns(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedURL := "http://" + closed.Addr().String() + "/hook"
	closed.Close()
	tlsServer := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	tlsServer.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake our client refuses
	tlsServer.StartTLS()
	defer tlsServer.Close()
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)
	// Only the slow server's client has a short timeout: a handshake on a
	// busy machine may take longer than 200 ms, and would then time out
	// instead of being refused.
	patient, hasty := &http.Client{Timeout: 30 * time.Second}, &http.Client{Timeout: 200 * time.Millisecond}
	for url, c := range map[string]struct {
		client *http.Client
		want   publishing.Failure
	}{
		refusedURL:     {patient, publishing.FailRefused},
		tlsServer.URL:  {patient, publishing.FailTLS},
		slow.URL + "/": {hasty, publishing.FailTimeout},
	} {
		want := c.want
		resp, err := c.client.Post(url, "application/json", nil)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("POST %s answered %d, want an error", url, resp.StatusCode)
		}
		if got := relay.Classify(0, err); got != want {
			t.Errorf("POST %s: Classify(%v) = %q, want %q", url, err, got, want)
		}
	}
}
