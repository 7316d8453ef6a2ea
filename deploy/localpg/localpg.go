// Package localpg starts a private PostgreSQL server from the machine's own
// binaries, in a data folder, listening on 127.0.0.1 only. The platform uses
// it when no DATABASE_URL is set, and the tests use it as their real
// Postgres. It never downloads anything.
package localpg

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localproc"
)

// Options tune a server. The zero value suits the platform's default run.
type Options struct {
	// Port to listen on; 0 picks a free one.
	Port int
	// Durable=false turns fsync off: for tests and benchmarks only.
	Durable bool
	// Database is created if missing (default "igfplus").
	Database string
	// Log receives the server's output (default: a file in the data folder).
	Log *os.File
}

// Server is a running private PostgreSQL.
type Server struct {
	Dir  string // the data folder given to Start
	Port int
	URL  string // connection URL for the database
	proc *localproc.Proc
}

// ErrNoBinaries means PostgreSQL is not installed.
var ErrNoBinaries = errors.New("no PostgreSQL server binaries found (looked in PATH and /usr/lib/postgresql/*/bin): install the 'postgresql' package, or set DATABASE_URL to use an existing server")

// FindBinaries returns the folder holding initdb and postgres.
func FindBinaries() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "postgres")); err == nil {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", ErrNoBinaries
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// Start initialises dir on first use and starts the server. The caller must
// Stop it. When running as root, the server runs as the unprivileged
// 'postgres' user (initdb refuses root), so dir's parents must be
// traversable by that user.
func Start(ctx context.Context, dir string, opt Options) (*Server, error) {
	bin, err := FindBinaries()
	if err != nil {
		return nil, err
	}
	if opt.Database == "" {
		opt.Database = "igfplus"
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cred, err := serverCredential()
	if err != nil {
		return nil, err
	}
	if err := prepareDir(dir, cred); err != nil {
		return nil, err
	}
	password, err := ensureCluster(ctx, bin, dir, cred)
	if err != nil {
		return nil, err
	}
	if err := waitStale(ctx, filepath.Join(dir, "pgdata")); err != nil {
		return nil, err
	}
	s := &Server{Dir: dir, Port: opt.Port}
	if s.Port == 0 {
		if s.Port, err = localproc.FreePort(); err != nil {
			return nil, err
		}
	}
	if err := s.launch(bin, cred, opt); err != nil {
		return nil, err
	}
	admin := fmt.Sprintf("postgres://igfplus:%s@127.0.0.1:%d/postgres?sslmode=disable", password, s.Port)
	if err := s.waitReady(ctx, admin); err != nil {
		s.Stop()
		return nil, err
	}
	if err := createDatabase(ctx, admin, opt.Database); err != nil {
		s.Stop()
		return nil, err
	}
	s.URL = fmt.Sprintf("postgres://igfplus:%s@127.0.0.1:%d/%s?sslmode=disable", password, s.Port, opt.Database)
	return s, nil
}

// serverCredential returns whom to run the server as: nil for the current
// user, or the 'postgres' user when running as root.
func serverCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("localpg: running as root needs the unprivileged 'postgres' user (from the 'postgresql' package): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func prepareDir(dir string, cred *syscall.Credential) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("localpg: data folder: %w", err)
	}
	if cred == nil {
		return nil
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	return os.Chown(dir, int(cred.Uid), int(cred.Gid))
}

// ensureCluster runs initdb on first use, with password authentication and a
// random password kept beside the cluster, and returns the password.
func ensureCluster(ctx context.Context, bin, dir string, cred *syscall.Credential) (string, error) {
	pwFile := filepath.Join(dir, "password")
	pgdata := filepath.Join(dir, "pgdata")
	if _, err := os.Stat(filepath.Join(pgdata, "PG_VERSION")); err == nil {
		pw, err := os.ReadFile(pwFile)
		if err != nil {
			return "", fmt.Errorf("localpg: %s exists but its password file is gone: %w", pgdata, err)
		}
		return strings.TrimSpace(string(pw)), nil
	}
	var b [18]byte
	rand.Read(b[:])
	pw := hex.EncodeToString(b[:])
	if err := os.WriteFile(pwFile, []byte(pw+"\n"), 0o600); err != nil {
		return "", err
	}
	if cred != nil {
		os.Chown(pwFile, int(cred.Uid), int(cred.Gid))
	}
	cmd := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "-D", pgdata, "-U", "igfplus",
		"--pwfile", pwFile, "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions")
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("localpg: initdb: %w\n%s", err, out)
	}
	return pw, nil
}

// waitStale waits for a server left over from a killed process of ours
// (it is told to stop when its parent dies) to finish shutting down.
func waitStale(ctx context.Context, pgdata string) error {
	pidFile := filepath.Join(pgdata, "postmaster.pid")
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, err := os.ReadFile(pidFile)
		if err != nil {
			return nil
		}
		pid, _ := strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0])
		if pid <= 0 || syscall.Kill(pid, 0) != nil {
			return nil // stale file: postgres removes it itself on start
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("localpg: %s is in use by another server (pid %d)", pgdata, pid)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (s *Server) launch(bin string, cred *syscall.Credential, opt Options) error {
	args := []string{"-D", filepath.Join(s.Dir, "pgdata"), "-p", strconv.Itoa(s.Port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
		"-c", "max_connections=300", "-c", "shared_buffers=128MB",
		// No DETAIL lines: a unique violation's names the duplicate value
		// (an e-mail address), and the log should hold no personal data.
		"-c", "log_error_verbosity=terse"}
	if !opt.Durable {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	cmd := exec.Command(filepath.Join(bin, "postgres"), args...)
	cmd.Dir = s.Dir
	// Pdeathsig stops the server (fast shutdown) if this process dies.
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGINT}
	logFile := opt.Log
	if logFile == nil {
		// Only this process's user reads the log (postgres writes to the
		// descriptor it inherits): 0600, and a log made before with a
		// wider mode is narrowed.
		name := filepath.Join(s.Dir, "postgres.log")
		f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return err
		}
		logFile = f
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	proc, err := localproc.Start(cmd, "postgres", logFile.Name())
	if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	s.proc = proc
	return nil
}

func (s *Server) waitReady(ctx context.Context, url string) error {
	err := s.proc.WaitReady(ctx, 50*time.Millisecond, 60*time.Second, func(ctx context.Context) error {
		c, err := pgx.Connect(ctx, url)
		if err == nil {
			c.Close(ctx)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	return nil
}

func createDatabase(ctx context.Context, adminURL, name string) error {
	c, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	var exists bool
	if err := c.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = c.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}

// Stop shuts the server down (fast shutdown) and waits for it.
func (s *Server) Stop() error {
	if s.proc == nil {
		return nil
	}
	if err := s.proc.Stop(syscall.SIGINT, 30*time.Second); err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	return nil
}

// Kill stops the server at once, as a crash would (for fault tests).
func (s *Server) Kill() error {
	s.proc.Kill(syscall.SIGQUIT)
	return nil
}

// PID is the postmaster's process id (0 when not running): benchmarks add
// up its CPU time and that of its backends.
func (s *Server) PID() int {
	if s.proc == nil {
		return 0
	}
	return s.proc.PID()
}
