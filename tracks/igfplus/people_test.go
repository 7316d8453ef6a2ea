package igfplus

import "testing"

func TestIsCountryCode(t *testing.T) {
	for code, want := range map[string]bool{"KE": true, "GH": true, "ke": false, "K": false, "KEN": false, "K1": false, "": false, "É1": false} {
		if got := IsCountryCode(code); got != want {
			t.Errorf("IsCountryCode(%q) = %v, want %v", code, got, want)
		}
	}
}
