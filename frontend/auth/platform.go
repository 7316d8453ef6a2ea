package auth

// PlatformIssuer and PlatformAudience name the platform in its access
// tokens, rather than a node's address, so that every node of one
// installation accepts every other's tokens. The serve command signs with
// them; the load tools and tests mint tokens its nodes accept.
const (
	PlatformIssuer   = "igfplus"
	PlatformAudience = "igfplus"
)
