package main

import (
	"context"
	"fmt"
	"io"
)

// bench runs a benchmark: igfplus bench fanout ...
func bench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: igfplus bench fanout|votes|room [flags]")
	}
	switch args[0] {
	case "fanout":
		return benchFanout(ctx, args[1:], stdout, stderr)
	case "votes":
		return benchVotes(ctx, args[1:], stdout, stderr)
	case "room":
		return benchRoom(ctx, args[1:], stdout, stderr)
	}
	return fmt.Errorf("unknown benchmark %q (fanout, votes, room)", args[0])
}
