package passkey

import (
	"slices"
	"testing"
)

// TestTheRelyingPartyIsThePublicURLsHostAndLocalhostOnALoopback: the
// zero-configuration run's http://127.0.0.1:8080 has passkeys on
// localhost, since browsers take no IP address as a relying party.
func TestTheRelyingPartyIsThePublicURLsHostAndLocalhostOnALoopback(t *testing.T) {
	for _, tc := range []struct {
		public, rpID string
		origins      []string
	}{
		{"https://forum.igf.example", "forum.igf.example", []string{"https://forum.igf.example"}},
		{"https://forum.igf.example:8443", "forum.igf.example", []string{"https://forum.igf.example:8443"}},
		{"http://127.0.0.1:8080", "localhost", []string{"http://localhost:8080", "http://127.0.0.1:8080"}},
		{"http://[::1]:8080", "localhost", []string{"http://localhost:8080", "http://[::1]:8080"}},
		{"http://localhost:8080", "localhost", []string{"http://localhost:8080"}},
	} {
		rpID, origins, err := relyingParty(tc.public)
		if err != nil || rpID != tc.rpID || !slices.Equal(origins, tc.origins) {
			t.Errorf("%s: %q %q %v, want %q %q", tc.public, rpID, origins, err, tc.rpID, tc.origins)
		}
	}
	if _, _, err := relyingParty(""); err == nil {
		t.Error("an empty public URL is accepted")
	}
}
