package compose

import (
	"net"
	"os"
	"strings"
	"testing"
)

// The replicas believe X-Forwarded-For from nginx only: its fixed address
// is within IGFPLUS_TRUSTED_PROXIES, and nginx appends the address it saw
// to the header (so the rightmost entry is the client, whatever the client
// wrote itself). Without this every person would have nginx's address and
// share one sign-in budget (#19, finding 3).
func TestTheAppTrustsTheProxysForwardedAddressesOnly(t *testing.T) {
	p, err := load(t, "compose.yaml", exampleEnv)
	if err != nil {
		t.Fatal(err)
	}
	trusted := p.Services["app"].Environment["IGFPLUS_TRUSTED_PROXIES"]
	if trusted == nil || *trusted == "" {
		t.Fatal("the app sets no IGFPLUS_TRUSTED_PROXIES")
	}
	proxy := p.Services["proxy"].Networks["default"]
	if proxy == nil || proxy.Ipv4Address == "" {
		t.Fatal("the proxy has no fixed address on the default network")
	}
	if *trusted != proxy.Ipv4Address {
		t.Errorf("IGFPLUS_TRUSTED_PROXIES %q is not exactly the proxy's address %s", *trusted, proxy.Ipv4Address)
	}
	subnet := p.Networks["default"].Ipam.Config
	if len(subnet) != 1 {
		t.Fatalf("the default network's subnets: %v", subnet)
	}
	if _, r, err := net.ParseCIDR(subnet[0].Subnet); err != nil || !r.Contains(net.ParseIP(proxy.Ipv4Address)) {
		t.Errorf("the proxy's address %s is not in the network's subnet %s", proxy.Ipv4Address, subnet[0].Subnet)
	}
	conf, err := os.ReadFile("nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(conf), "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"); n != 2 {
		t.Errorf("nginx appends the client's address to X-Forwarded-For in %d locations, want both", n)
	}
}
