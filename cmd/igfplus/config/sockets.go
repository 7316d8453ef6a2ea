package config

import (
	"flag"
	"fmt"
	"strconv"
)

// roomLimits declares the flags of the live connections' caps (#17: one
// account opened 1,000 sockets to one room) and of one person's pace in a
// session, with their environment fallbacks.
func roomLimits(fs *flag.FlagSet, c *Config) error {
	for _, f := range []struct {
		flag, env, def, usage string
		to                    *int
	}{
		{"sockets-per-account", "IGFPLUS_SOCKETS_PER_ACCOUNT", "3", "live connections one account may hold to one room on a node (0: no cap)", &c.SocketsPerAccount},
		{"sockets-per-address", "IGFPLUS_SOCKETS_PER_ADDRESS", "2000", "live connections from one client address on a node (0: no cap)", &c.SocketsPerAddress},
		{"actions-per-second", "IGFPLUS_ACTIONS_PER_SECOND", "10", "actions one person may take a second in one session on a node, in bursts of twice that (0: no budget)", &c.ActionsPerSecond},
	} {
		n, err := strconv.Atoi(env(f.env, f.def))
		if err != nil || n < 0 {
			return fmt.Errorf("%s: a whole number, 0 or more: %q", f.env, env(f.env, f.def))
		}
		fs.IntVar(f.to, f.flag, n, f.usage)
	}
	return nil
}
