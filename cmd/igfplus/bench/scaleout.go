package bench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"
)

// scaleoutOpts are the scale-out run's knobs. The rooms are one plenary of
// plenary clients and rooms-1 small ("NRI") rooms of roomSize clients.
type scaleoutOpts struct {
	nodes       int     // server processes
	redis       string  // "cluster" (a Redis Cluster, --redis-cluster) or "single"
	shards      int     // the cluster's nodes (masters), with --redis cluster
	plenary     int     // clients in the plenary
	rooms       int     // rooms in all, the plenary among them
	roomSize    int     // clients in each small room
	rate        float64 // events a second in each small room
	plenaryRate float64 // events a second in the plenary
	duration    time.Duration
	payload     int    // approximate size of an event, in bytes
	bin         string // the server binary; empty: this one
}

// benchScaleout starts an installation of several server nodes on one
// Redis Cluster (or one Redis) and one Postgres, fills a plenary room and
// many small rooms with clients spread over the nodes, publishes chat into
// every room through the API, and prints what it cost (one JSON line).
func benchScaleout(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := scaleoutOpts{}
	fs := flag.NewFlagSet("igfplus bench scaleout", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.nodes, "nodes", 3, "server processes, each with --redis-cluster (or --redis-url)")
	fs.StringVar(&o.redis, "redis", "cluster", "cluster: a Redis Cluster of --redis-shards nodes; single: one Redis")
	fs.IntVar(&o.shards, "redis-shards", 3, "nodes of the Redis Cluster")
	fs.IntVar(&o.plenary, "plenary", 1000, "clients in the plenary room")
	fs.IntVar(&o.rooms, "rooms", 177, "rooms in all: the plenary and rooms-1 small (NRI) rooms")
	fs.IntVar(&o.roomSize, "room-size", 10, "clients in each small room")
	fs.Float64Var(&o.rate, "rate", 1, "events a second in each small room")
	fs.Float64Var(&o.plenaryRate, "plenary-rate", 0, "events a second in the plenary (0: --rate)")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long to publish")
	fs.IntVar(&o.payload, "payload", 200, "approximate size of an event, in bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.plenaryRate == 0 {
		o.plenaryRate = o.rate
	}
	res, err := runScaleout(ctx, o, stderr)
	return printResult(stdout, res, err)
}

func (o scaleoutOpts) clients() int { return o.plenary + (o.rooms-1)*o.roomSize }

// check bounds the run in count and time: it runs on one machine.
func (o scaleoutOpts) check() error {
	switch {
	case o.nodes < 1 || o.nodes > 6:
		return fmt.Errorf("--nodes must be 1..6")
	case o.redis != "cluster" && o.redis != "single":
		return fmt.Errorf("--redis must be cluster or single")
	case o.redis == "cluster" && (o.shards < 1 || o.shards > 6):
		return fmt.Errorf("--redis-shards must be 1..6")
	case o.rooms < 1 || o.rooms > 1000:
		return fmt.Errorf("--rooms must be 1..1000")
	case o.plenary < 1 || o.roomSize < 1 || o.roomSize > 1000 || o.clients() > 50000:
		return fmt.Errorf("--plenary and --room-size must be positive, --room-size at most 1000, and all clients at most 50000")
	case o.rate <= 0 || o.plenaryRate <= 0 || o.rate > 1000 || o.plenaryRate > 2000:
		return fmt.Errorf("--rate must be 0..1000 and --plenary-rate 0..2000 (exclusive of 0)")
	case o.rate*float64(o.rooms-1)+o.plenaryRate > 10000:
		return fmt.Errorf("all rooms together must publish at most 10000 events a second")
	case o.duration <= 0 || o.duration > 10*time.Minute:
		return fmt.Errorf("--duration must be positive and at most 10m")
	case o.payload < 0 || o.payload > 1800:
		return fmt.Errorf("--payload must be 0..1800 bytes")
	case !socketsFit(o.clients()):
		return fmt.Errorf("the open-file limit is too low for %d clients (a socket on each end)", o.clients())
	}
	return nil
}

// runScaleout sets up the installation, connects everyone, publishes for
// the duration, waits for every delivery (or a bound) and tears it all
// down again.
func runScaleout(ctx context.Context, o scaleoutOpts, log io.Writer) (scaleoutResult, error) {
	res := newScaleoutResult(o)
	if err := o.check(); err != nil {
		return res, err
	}
	site, err := startScaleoutSite(ctx, o, log)
	if err != nil {
		return res, err
	}
	defer site.stop()
	run, err := connectScaleout(ctx, site, o)
	if err != nil {
		return res, err
	}
	defer run.closeAll()
	fmt.Fprintf(log, "scaleout: %d clients on %d nodes in %.1f s\n", o.clients(), o.nodes, run.connectTime.Seconds())
	if err := site.waitSubscribed(ctx, run.rooms); err != nil {
		return res, err
	}
	res.RoomShards, res.Redis = site.shardsOf(ctx, run.rooms)
	res.ConnectS = run.connectTime.Seconds()
	err = run.measure(ctx, site, o, &res)
	return res, err
}
