package faultrun

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/deploy/localpg"
	"github.com/igfplus/igfplus/deploy/localredis"
)

// faultCluster is the fault run's installation on 127.0.0.1: one durable
// private Postgres, one private Redis, and several server processes of the
// real binary sharing them and one token key.
type faultCluster struct {
	site     *rig.Site // the database, its seed, the keys and the tokens
	redis    *localredis.Server
	bin      string // the server binary; empty: this one
	log      io.Writer
	logLevel string // the nodes' --log-level

	mu    sync.Mutex
	nodes []*faultNode
}

// faultNode is one server process; dead once killed.
type faultNode struct {
	url     string
	metrics string // its metrics listener's URL
	cmd     *exec.Cmd
	dead    bool
}

func (c *faultCluster) startRedis(ctx context.Context) error {
	var err error
	c.redis, err = localredis.Start(ctx, filepath.Join(c.site.Dir, "redis"), localredis.Options{})
	return err
}

// startNode starts one more server process and waits for its URL.
func (c *faultCluster) startNode(ctx context.Context) error {
	c.mu.Lock()
	i := len(c.nodes)
	c.nodes = append(c.nodes, &faultNode{dead: true})
	c.mu.Unlock()
	return c.spawn(ctx, i)
}

// restartNode starts node i again on its own data folder once it was
// killed, as an orchestrator brings a crashed node back: it must rejoin
// the room from Redis and Postgres and become ready.
func (c *faultCluster) restartNode(ctx context.Context, i int) error {
	return c.spawn(ctx, i)
}

// spawn starts the server process of node i and, once it serves, puts it
// in the node's place.
func (c *faultCluster) spawn(ctx context.Context, i int) error {
	args := append(c.site.NodeArgs(fmt.Sprintf("node%d", i)), "--redis-url", c.redis.URL, "--log-level", c.logLevel)
	cmd, url, metrics, err := rig.ServeWithMetrics(ctx, c.bin, c.log, args...)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.nodes[i] = &faultNode{url: url, metrics: metrics, cmd: cmd}
	c.mu.Unlock()
	return nil
}

// pick returns the URL of a live node, spreading clients by hint.
func (c *faultCluster) pick(hint int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var live []string
	for _, n := range c.nodes {
		if !n.dead {
			live = append(live, n.url)
		}
	}
	if len(live) == 0 {
		return ""
	}
	if hint < 0 {
		hint = rand.IntN(len(live))
	}
	return live[hint%len(live)]
}

// killNode kills node i with SIGKILL, as a crashed machine would stop.
func (c *faultCluster) killNode(i int) {
	c.mu.Lock()
	n := c.nodes[i]
	n.dead = true
	c.mu.Unlock()
	n.cmd.Process.Kill()
	n.cmd.Wait()
}

// restartPostgres stops Postgres (fast shutdown: every connection is cut)
// and starts it again on the same data folder and port.
func (c *faultCluster) restartPostgres(ctx context.Context) error {
	pg := c.site.PG
	if err := pg.Stop(); err != nil {
		return err
	}
	next, err := localpg.Start(ctx, pg.Dir, localpg.Options{Port: pg.Port, Durable: true})
	if err != nil {
		return err
	}
	c.site.PG = next
	// The run's own pool (site.DB) reconnects by itself.
	return nil
}

// ready counts the nodes not killed that answer /readyz with 200, and the
// WebSocket connections they report on their metrics listeners.
func (c *faultCluster) ready(ctx context.Context) (n, conns int) {
	c.mu.Lock()
	nodes := slices.Clone(c.nodes)
	c.mu.Unlock()
	for _, node := range nodes {
		if node.dead {
			continue
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, node.url+"/readyz", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				n++
				conns += gauge(ctx, node.metrics, "igfplus_hub_connections")
			}
		}
	}
	return n, conns
}

// gauge reads one unlabelled gauge from a node's metrics listener.
func gauge(ctx context.Context, url, name string) int {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/metrics", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return int(f)
		}
	}
	return 0
}

// stop ends every process and removes the folder.
func (c *faultCluster) stop() {
	for _, n := range c.nodes {
		if !n.dead {
			rig.Stop(n.cmd)
		}
	}
	if c.redis != nil {
		c.redis.Stop()
	}
	c.site.Stop()
}
