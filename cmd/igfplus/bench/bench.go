// Package bench is `igfplus bench`: load generators that start a server
// of their own (the real binary, exec'd) and print their figures as one
// JSON line. fanout connects N clients to one room and measures delivery,
// latency and the server's CPU per delivery; votes casts N ballots into one
// poll and verifies it from its public log; room runs a live session's mix
// of chat, floor, reactions and questions through N participants' sockets;
// scaleout spreads a plenary and many small rooms over several nodes on a
// Redis Cluster. Their clients are hub/roomclient's. docs/PERFORMANCE.md
// has the figures.
package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// Run runs a benchmark: igfplus bench fanout|votes|room|scaleout [flags].
//
// IGFPLUS_BENCH_CPUPROFILE names a file for a CPU profile of the load
// generator itself (the server's is on IGFPLUS_DEBUG_ADDR): on a small
// machine the load generator's cost is the server's lost CPU.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: igfplus bench fanout|votes|room|scaleout [flags]")
	}
	if path := os.Getenv("IGFPLUS_BENCH_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	switch args[0] {
	case "fanout":
		return benchFanout(ctx, args[1:], stdout, stderr)
	case "votes":
		return benchVotes(ctx, args[1:], stdout, stderr)
	case "room":
		return benchRoom(ctx, args[1:], stdout, stderr)
	case "scaleout":
		return benchScaleout(ctx, args[1:], stdout, stderr)
	}
	return fmt.Errorf("unknown benchmark %q (fanout, votes, room, scaleout)", args[0])
}

// printResult prints a benchmark's verdict as its one JSON line, unless
// the run failed.
func printResult(w io.Writer, res any, err error) error {
	if err != nil {
		return err
	}
	line, _ := json.Marshal(res)
	fmt.Fprintln(w, string(line))
	return nil
}
