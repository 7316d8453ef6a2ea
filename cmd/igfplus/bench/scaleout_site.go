package bench

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/deploy/localredis"
)

// scaleoutSite is the scale-out run's installation on 127.0.0.1: rig's
// durable private Postgres with an account per client, a private Redis
// Cluster (localredis.StartCluster, as the tests' redistest.Cluster) or
// one Redis, and several server processes of the real binary sharing them.
type scaleoutSite struct {
	*rig.Site
	cluster *localredis.Cluster // with --redis cluster
	single  *localredis.Server  // with --redis single
	nodes   []scaleoutNode
}

// scaleoutNode is one server process.
type scaleoutNode struct {
	url string
	cmd *exec.Cmd
}

func (n scaleoutNode) pid() int { return n.cmd.Process.Pid }

// startScaleoutSite prepares the database and the rooms, starts Redis and
// then the nodes, one after another (each waits for its predecessor's
// migrations lock anyway).
func startScaleoutSite(ctx context.Context, o scaleoutOpts, log io.Writer) (*scaleoutSite, error) {
	site, err := rig.Prepare(ctx, o.clients())
	if err != nil {
		return nil, err
	}
	s := &scaleoutSite{Site: site}
	if err := s.start(ctx, o, log); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

func (s *scaleoutSite) start(ctx context.Context, o scaleoutOpts, log io.Writer) error {
	var redisArgs []string
	var err error
	dir := filepath.Join(s.Dir, "redis")
	if o.redis == "cluster" {
		if s.cluster, err = localredis.StartCluster(ctx, dir, o.shards); err != nil {
			return err
		}
		redisArgs = []string{"--redis-url", s.cluster.URL, "--redis-cluster"}
	} else {
		if s.single, err = localredis.Start(ctx, dir, localredis.Options{}); err != nil {
			return err
		}
		redisArgs = []string{"--redis-url", s.single.URL}
	}
	for i := range o.nodes {
		args := append(s.NodeArgs("node"+strconv.Itoa(i)), redisArgs...)
		cmd, url, err := rig.Serve(ctx, o.bin, log, append(args, "--log-level", "error")...)
		if err != nil {
			return fmt.Errorf("node %d: %w", i, err)
		}
		s.nodes = append(s.nodes, scaleoutNode{url: url, cmd: cmd})
	}
	return nil
}

// redisServers are the Redis processes: the cluster's nodes, or the one.
func (s *scaleoutSite) redisServers() []*localredis.Server {
	if s.cluster != nil {
		return s.cluster.Nodes
	}
	if s.single != nil {
		return []*localredis.Server{s.single}
	}
	return nil
}

// makeRooms adds n live sessions copied from the site's session (the
// plenary), as small NRI rooms, and returns their ids.
func (s *scaleoutSite) makeRooms(ctx context.Context, n int) ([]int64, error) {
	rows, err := s.DB.Pool.Query(ctx, `
		INSERT INTO sessions (track_id, policy_issue_id, slug, title, format, state, starts_at, ends_at, state_changed_at, language)
		SELECT track_id, policy_issue_id, 'scaleout-nri-' || g, 'NRI room ' || g, 'nri_collaborative', 'live',
		       starts_at, ends_at, now(), language
		FROM sessions, generate_series(1, $2) AS g WHERE id = $1
		RETURNING id`, s.Session, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ids) != n {
		return nil, fmt.Errorf("bench scaleout: made %d of %d rooms", len(ids), n)
	}
	return ids, nil
}

// stop ends the nodes, then Redis, then the site (Postgres, the folder).
func (s *scaleoutSite) stop() {
	for _, n := range s.nodes {
		rig.Stop(n.cmd)
	}
	if s.cluster != nil {
		s.cluster.Stop()
	}
	if s.single != nil {
		s.single.Stop()
	}
	s.Site.Stop()
}
