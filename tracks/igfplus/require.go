package igfplus

// Require is the services' check of a platform role: nil when id holds
// role; unauthorized for the anonymous, so that they are asked to sign in;
// forbidden, with refusal as the message, for anyone else.
func (id Identity) Require(role Role, refusal Text) error {
	if id.Anonymous() {
		return Errorf(EUnauthorized, "Sign in first.")
	}
	if !id.Has(role) {
		return Errorf(EForbidden, "%s", refusal)
	}
	return nil
}
