package publishing

// Failure says why an attempt did not deliver, as one word of a closed set
// that pages explain in the reader's language (message deliveries.why.*).
// The relay classifies each attempt when it records it (relay.Classify);
// the raw error text stays beside it as the technical detail.
type Failure string

// The failures. Those from the network have no HTTP status; the others
// name what the body's answer (Delivery.Status) means.
const (
	NoFailure Failure = ""
	// The network: the host name does not exist, the name could not be
	// looked up, nothing listens at the address, no route to it, the
	// connection was cut, no answer in time, the TLS handshake or the
	// certificate failed, the address is private and not allowed.
	FailNoSuchHost     Failure = "no_such_host"
	FailDNS            Failure = "dns"
	FailRefused        Failure = "connection_refused"
	FailUnreachable    Failure = "unreachable"
	FailReset          Failure = "connection_reset"
	FailTimeout        Failure = "timeout"
	FailTLS            Failure = "tls"
	FailPrivateAddress Failure = "private_address"
	// Before sending: the endpoint has no usable signing secret.
	FailSigning Failure = "signing"
	// The body's answer: a redirect (never followed), the signature
	// refused (401, 403), no such page (404), the endpoint closed (410),
	// the event too large (413), asked to slow down (429), another
	// refusal (4xx), the server unavailable (502, 503, 504) or in error
	// (other 5xx).
	FailRedirect     Failure = "redirect"
	FailSignature    Failure = "signature_refused"
	FailNotFound     Failure = "not_found"
	FailGone         Failure = "gone"
	FailTooLarge     Failure = "too_large"
	FailRateLimited  Failure = "rate_limited"
	FailRejected     Failure = "rejected"
	FailUnavailable  Failure = "unavailable"
	FailServerError  Failure = "server_error"
	FailUnclassified Failure = "other"
)

// Failures lists every failure, for the tests that check each is explained.
var Failures = []Failure{FailNoSuchHost, FailDNS, FailRefused, FailUnreachable, FailReset, FailTimeout, FailTLS,
	FailPrivateAddress, FailSigning, FailRedirect, FailSignature, FailNotFound, FailGone, FailTooLarge,
	FailRateLimited, FailRejected, FailUnavailable, FailServerError, FailUnclassified}

// StatusFailure says what a body's HTTP answer means for the delivery:
// NoFailure for 2xx (and for 0, no answer: the error says why).
func StatusFailure(status int) Failure {
	switch {
	case status == 0 || status >= 200 && status < 300:
		return NoFailure
	case status >= 300 && status < 400:
		return FailRedirect
	case status == 401 || status == 403:
		return FailSignature
	case status == 404:
		return FailNotFound
	case status == 410:
		return FailGone
	case status == 413:
		return FailTooLarge
	case status == 429:
		return FailRateLimited
	case status == 502 || status == 503 || status == 504:
		return FailUnavailable
	case status >= 500:
		return FailServerError
	}
	return FailRejected
}

// Why is the delivery's failure: the one recorded with the attempt, or,
// for an attempt logged before failures were recorded (migration 0029),
// what its status means, and an unclassified failure when only an error
// text is left.
func (d Delivery) Why() Failure {
	switch {
	case d.Failure != NoFailure:
		return d.Failure
	case d.Status != 0:
		return StatusFailure(d.Status)
	case d.Error != "":
		return FailUnclassified
	}
	return NoFailure
}
