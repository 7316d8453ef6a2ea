// Package federation links an NRI's own installation of the platform to
// the global Forum's installation over a signed server-to-server API
// (docs/FEDERATION.md). The global side registers peers (one initiative
// each, with a signing secret), mirrors a peer's track as an NRI track so
// that linking and the intake work as for a local one, serves its agenda,
// and takes in pushed outputs once their link is accepted. The NRI side
// keeps its upstream, asks for links there, and pushes its adopted
// recommendations from a transactional outbox. Messages are signed with
// the relay's scheme, Standard Webhooks (publishing/stdwebhooks).
package federation
