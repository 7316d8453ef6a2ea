// Package localredis starts a private Redis server from the machine's own
// redis-server binary, listening on 127.0.0.1 only, with a random password
// and no persistence unless asked. The tests use it as their real Redis (see
// redistest), and fault tests kill and restart it. It never downloads
// anything.
package localredis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/deploy/localproc"
)

// Options tune a server. The zero value suits tests.
type Options struct {
	// Port to listen on; 0 picks a free one.
	Port int
	// Durable keeps an append-only file in the folder so that data survives
	// a restart. Off by default: the platform's Redis carries only fanout.
	Durable bool
	// Log receives the server's output (default: redis.log in the folder).
	Log *os.File
	// Password to require; empty picks a random one. The nodes of a
	// cluster share theirs, since a cluster client has only one.
	Password string
	// Cluster starts the server as a Redis Cluster node (its cluster bus on
	// a free port of its own); the caller assigns slots and introduces the
	// nodes (StartCluster does).
	Cluster bool
}

// Server is a running private Redis.
type Server struct {
	Dir      string // the folder given to Start: config, log, append-only file
	Port     int
	Addr     string // 127.0.0.1:Port
	Password string
	URL      string // redis://:Password@127.0.0.1:Port/0
	BusPort  int    // the cluster bus's port, when Options.Cluster

	bin string
	opt Options

	mu   sync.Mutex // guards proc across Stop, Kill and Restart
	proc *localproc.Proc
}

// ErrNoBinary means Redis is not installed.
var ErrNoBinary = errors.New("no redis-server binary found (looked in PATH, /usr/bin and /usr/sbin): install the 'redis-server' package, or set REDIS_URL to use an existing server")

// FindBinary returns the path of redis-server.
func FindBinary() (string, error) {
	if p, err := exec.LookPath("redis-server"); err == nil {
		return p, nil
	}
	for _, p := range []string{"/usr/bin/redis-server", "/usr/sbin/redis-server", "/usr/local/bin/redis-server"} {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", ErrNoBinary
}

// Start writes a configuration into dir and starts the server, waiting until
// it answers PING. The caller must Stop it.
func Start(ctx context.Context, dir string, opt Options) (*Server, error) {
	bin, err := FindBinary()
	if err != nil {
		return nil, err
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("localredis: folder: %w", err)
	}
	var pw [18]byte
	rand.Read(pw[:])
	s := &Server{Dir: dir, Password: hex.EncodeToString(pw[:]), bin: bin, opt: opt}
	if opt.Password != "" {
		s.Password = opt.Password
	}
	// A free port found by listening may be taken before redis binds it:
	// try a few, unless the caller chose the port.
	for attempt := 0; ; attempt++ {
		s.Port = opt.Port
		if s.Port == 0 {
			if s.Port, err = localproc.FreePort(); err != nil {
				return nil, err
			}
		}
		s.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port))
		s.URL = (&url.URL{Scheme: "redis", User: url.UserPassword("", s.Password), Host: s.Addr, Path: "/0"}).String()
		if err = s.start(ctx); err == nil || opt.Port != 0 || attempt == 2 || ctx.Err() != nil {
			return s, err
		}
	}
}

// start writes the configuration, launches the process and waits for it.
// The password lives in a private file, not on the command line, so that
// other local users cannot read it from the process list.
func (s *Server) start(ctx context.Context) error {
	conf := fmt.Sprintf("bind 127.0.0.1\nport %d\nprotected-mode yes\nrequirepass %s\ndir %s\nsave \"\"\ndaemonize no\nlogfile \"\"\n",
		s.Port, s.Password, strconv.Quote(s.Dir))
	if s.opt.Durable {
		conf += "appendonly yes\nappendfsync everysec\n"
	} else {
		conf += "appendonly no\n"
	}
	if s.opt.Cluster {
		if s.BusPort == 0 { // kept across restarts, as the other nodes know it
			bus, err := localproc.FreePort()
			if err != nil {
				return err
			}
			s.BusPort = bus
		}
		conf += fmt.Sprintf("cluster-enabled yes\ncluster-config-file %s\ncluster-port %d\ncluster-node-timeout 5000\nmasterauth %s\n",
			strconv.Quote(filepath.Join(s.Dir, "nodes.conf")), s.BusPort, s.Password)
	}
	confPath := filepath.Join(s.Dir, "redis.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o600); err != nil {
		return fmt.Errorf("localredis: config: %w", err)
	}
	log := s.opt.Log
	if log == nil {
		f, err := os.OpenFile(filepath.Join(s.Dir, "redis.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		defer f.Close() // the child keeps its own descriptor
		log = f
	}
	cmd := exec.Command(s.bin, confPath)
	cmd.Dir = s.Dir
	cmd.Stdout, cmd.Stderr = log, log
	// Pdeathsig stops the server (SIGTERM: clean shutdown) if this process
	// dies, so that a crashed test run leaves no server behind.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	proc, err := localproc.Start(cmd, "redis-server", log.Name())
	if err != nil {
		return fmt.Errorf("localredis: %w", err)
	}
	s.mu.Lock()
	s.proc = proc
	s.mu.Unlock()
	if err := s.waitReady(ctx, proc); err != nil {
		s.Kill()
		return fmt.Errorf("localredis: %w", err)
	}
	return nil
}

// waitReady polls PING until the server answers (it may be loading its
// append-only file) or exits.
func (s *Server) waitReady(ctx context.Context, proc *localproc.Proc) error {
	c := redis.NewClient(&redis.Options{Addr: s.Addr, Password: s.Password, MaxRetries: -1,
		DialTimeout: time.Second, ReadTimeout: time.Second, PoolSize: 1})
	defer c.Close()
	return proc.WaitReady(ctx, 10*time.Millisecond, 30*time.Second, func(ctx context.Context) error {
		return c.Ping(ctx).Err()
	})
}

// Stop shuts the server down (SIGTERM) and waits for it. Stopping a stopped
// server does nothing.
func (s *Server) Stop() error {
	return s.end(func(p *localproc.Proc) error { return p.Stop(syscall.SIGTERM, 10*time.Second) })
}

// PID is the running server's process id (0 when stopped), for reading its
// CPU time.
func (s *Server) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return 0
	}
	return s.proc.PID()
}

// Kill stops the server at once with SIGKILL, as a crash would (for fault
// tests): clients see their connections reset.
func (s *Server) Kill() error {
	return s.end(func(p *localproc.Proc) error { p.Kill(syscall.SIGKILL); return nil })
}

// end stops the running process with stop, if there is one.
func (s *Server) end(stop func(*localproc.Proc) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return nil
	}
	err := stop(s.proc)
	s.proc = nil
	if err != nil {
		return fmt.Errorf("localredis: %w", err)
	}
	return nil
}

// Restart stops the server if it runs and starts it again on the same port
// with the same password (for fault tests). Without Durable, its data is
// gone.
func (s *Server) Restart(ctx context.Context) error {
	if err := s.Stop(); err != nil {
		return err
	}
	return s.start(ctx)
}
