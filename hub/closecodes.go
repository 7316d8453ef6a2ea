package hub

// Close codes the hub uses, besides the standard 1001 (server going away:
// resume on another node), 1008 (policy: message rate abused) and 1009
// (message too big). docs/PROTOCOL.md lists them all.
const (
	// CloseSlowConsumer: the connection fell more than QueueBytes behind.
	// The client may resume from its last position.
	CloseSlowConsumer = 4000
	// CloseUnauthorized: the credential is no longer valid (signed out,
	// role changed). Sign in again.
	CloseUnauthorized = 4001
	// CloseForbidden: removed or banned from the room. Do not reconnect.
	CloseForbidden = 4003
	// CloseReload: the room's log was reset; reload state, then reconnect.
	CloseReload = 4009
)
