package localredis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cluster is a private Redis Cluster of servers started by StartCluster:
// masters only, the 16,384 hash slots split evenly between them.
type Cluster struct {
	Nodes []*Server
	// URL is the seed that redis.ParseClusterURL (and the server's
	// --redis-cluster) reads: the first node, the others as addr parameters.
	URL string
}

// StartCluster starts n cluster nodes in folders of their own under dir,
// sharing one random password, gives node i the i-th n-th of the slots,
// introduces them to each other and waits until every node sees the whole
// cluster serving. On error it stops whatever it started.
func StartCluster(ctx context.Context, dir string, n int) (*Cluster, error) {
	if n < 1 {
		return nil, fmt.Errorf("localredis: a cluster of %d nodes", n)
	}
	var pw [12]byte
	rand.Read(pw[:])
	password := hex.EncodeToString(pw[:])
	c := &Cluster{}
	for i := range n {
		s, err := Start(ctx, filepath.Join(dir, "node"+strconv.Itoa(i)), Options{Cluster: true, Password: password})
		if err != nil {
			c.Stop()
			return nil, err
		}
		c.Nodes = append(c.Nodes, s)
	}
	if err := c.form(ctx); err != nil {
		c.Stop()
		return nil, err
	}
	c.URL = fmt.Sprintf("redis://:%s@%s", password, c.Nodes[0].Addr)
	for i, s := range c.Nodes[1:] {
		sep := "&"
		if i == 0 {
			sep = "?"
		}
		c.URL += sep + "addr=" + s.Addr
	}
	return c, nil
}

// form assigns the slots, has the first node meet the others, and waits
// for the cluster to be whole.
func (c *Cluster) form(ctx context.Context) error {
	first := c.client(c.Nodes[0])
	defer first.Close()
	for i, s := range c.Nodes {
		cl := c.client(s)
		lo, hi := i*16384/len(c.Nodes), (i+1)*16384/len(c.Nodes)-1
		err := cl.Do(ctx, "CLUSTER", "ADDSLOTSRANGE", lo, hi).Err()
		cl.Close()
		if err != nil {
			return fmt.Errorf("localredis: slots %d-%d: %w", lo, hi, err)
		}
		if i > 0 {
			if err := first.Do(ctx, "CLUSTER", "MEET", "127.0.0.1", s.Port, s.BusPort).Err(); err != nil {
				return fmt.Errorf("localredis: meet: %w", err)
			}
		}
	}
	for _, s := range c.Nodes {
		if err := c.waitWhole(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// client opens a plain client on one node (the caller closes it).
func (c *Cluster) client(s *Server) *redis.Client {
	return redis.NewClient(&redis.Options{Addr: s.Addr, Password: s.Password})
}

// waitWhole waits until s sees every node and the cluster serving.
func (c *Cluster) waitWhole(ctx context.Context, s *Server) error {
	cl := c.client(s)
	defer cl.Close()
	known := "cluster_known_nodes:" + strconv.Itoa(len(c.Nodes))
	deadline := time.Now().Add(30 * time.Second)
	for {
		info, err := cl.ClusterInfo(ctx).Result()
		if err == nil && strings.Contains(info, "cluster_state:ok") && strings.Contains(info, known+"\r\n") {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("localredis: the cluster did not come up: %v %s", err, info)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Stop stops every node.
func (c *Cluster) Stop() {
	for _, s := range c.Nodes {
		s.Stop()
	}
}
