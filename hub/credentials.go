package hub

// Credentials are what Authenticate established about the holder of a
// connection. The hub itself reads only the account (one person's sockets
// close together on sign-out or ban, and presence counts people, not tabs)
// and the token version (a newer one in the store ends the socket). Principal
// is the application's own record of the person (the platform puts its
// Identity there); the hub hands it back unread to the Policy and the
// Dispatcher, which authorise with it.
type Credentials struct {
	// AccountID is 0 for someone not signed in.
	AccountID int64
	// TokenVersion is the account's token version when the credentials were
	// issued.
	TokenVersion int
	Principal    any
}
