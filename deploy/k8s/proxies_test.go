package k8s

import (
	"net"
	"strings"
	"testing"
)

// The pods believe X-Forwarded-For only from the ingress controller's
// range: the configuration sets IGFPLUS_TRUSTED_PROXIES to CIDR ranges,
// none of which trusts every address.
func TestThePodsTrustTheIngressControllersRange(t *testing.T) {
	r := renderOverlay(t, "overlays/production", nil)
	var value string
	for _, cm := range r.configMaps {
		if v, ok := cm.Data["IGFPLUS_TRUSTED_PROXIES"]; ok {
			value = v
		}
	}
	if value == "" {
		t.Fatal("no config map sets IGFPLUS_TRUSTED_PROXIES")
	}
	for _, cidr := range strings.Split(value, ",") {
		_, r, err := net.ParseCIDR(strings.TrimSpace(cidr))
		if err != nil {
			t.Fatalf("IGFPLUS_TRUSTED_PROXIES %q: %v", value, err)
		}
		if ones, _ := r.Mask.Size(); ones == 0 {
			t.Errorf("IGFPLUS_TRUSTED_PROXIES %q trusts every address", value)
		}
	}
}
