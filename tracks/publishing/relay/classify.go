package relay

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"syscall"

	"github.com/igfplus/igfplus/tracks/publishing"
)

// errSigning marks an attempt that could not be signed (the endpoint has no
// secret the relay can open), so nothing was sent.
var errSigning = errors.New("relay: cannot sign")

// Classify says why an attempt failed, from its error (none: from the
// body's HTTP status), so that the delivery log can say it in words
// (publishing.Failure) rather than show Go's error text alone. It looks at
// the error's types, not its text, which Go does not promise to keep.
func Classify(status int, err error) publishing.Failure {
	if err == nil {
		return publishing.StatusFailure(status)
	}
	var dns *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	var alert tls.AlertError
	var netErr net.Error
	switch {
	case errors.Is(err, errSigning):
		return publishing.FailSigning
	case errors.Is(err, ErrPrivateAddress):
		return publishing.FailPrivateAddress
	case errors.As(err, &dns) && dns.IsNotFound:
		return publishing.FailNoSuchHost
	case errors.As(err, &dns) && dns.IsTimeout:
		return publishing.FailTimeout
	case errors.As(err, &dns):
		return publishing.FailDNS
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid), errors.As(err, &verify),
		errors.As(err, &record), errors.As(err, &alert):
		return publishing.FailTLS
	case errors.Is(err, syscall.ECONNREFUSED):
		return publishing.FailRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return publishing.FailReset
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return publishing.FailUnreachable
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return publishing.FailTimeout
	}
	return publishing.FailUnclassified
}
