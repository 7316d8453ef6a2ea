// Command igfplus runs the IGF Plus platform: an echo server with a
// WebSocket hub for live, focused-agenda sessions.
//
//	igfplus [serve] [flags]   run the platform (the default)
//	igfplus migrate [flags]   apply the database migrations and exit
//	igfplus demo [flags]      seed the demo forum into an empty database
//	igfplus verify ...        recompute a closed poll from its public ballot log
//	igfplus bench fanout|votes|room|scaleout ...  load tools (package bench)
//	igfplus fault-run ...     three nodes under load, with faults (package faultrun)
//	igfplus version           print the version
//
// With no configuration it starts a private PostgreSQL in the data folder and
// an in-process hub, seeds the demo forum and prints the URL and sign-ins.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/igfplus/igfplus/cmd/igfplus/bench"
	"github.com/igfplus/igfplus/cmd/igfplus/faultrun"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "igfplus:", err)
		os.Exit(1)
	}
}

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, stdout, stderr)
	case "migrate":
		return migrate(ctx, args, stdout, stderr)
	case "demo":
		return seedDemo(ctx, args, stdout, stderr)
	case "bench":
		return bench.Run(ctx, args, stdout, stderr)
	case "verify":
		return verify(ctx, args, stdout, stderr)
	case "fault-run":
		return faultrun.Run(ctx, args, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "igfplus", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, "usage: igfplus [serve|migrate|demo|verify|bench|fault-run|version] [flags]; igfplus serve -h lists the flags")
		return nil
	}
	return fmt.Errorf("unknown command %q (serve, migrate, demo, verify, bench, fault-run, version)", cmd)
}
