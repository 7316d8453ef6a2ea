package auth

import "net/netip"

// clientKey names the budget of the client at ip (echo's RealIP: the
// connection's address, or the one a trusted proxy forwarded). An IPv6
// client is its /64: one subscriber commonly holds a whole /64 and can
// pick any address in it, so counting single addresses would give one
// person billions of budgets.
func clientKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return "addr:" + ip
	}
	addr = addr.Unmap().WithZone("")
	if addr.Is4() {
		return "addr:" + addr.String()
	}
	return "addr6:" + netip.PrefixFrom(addr, 64).Masked().String()
}
