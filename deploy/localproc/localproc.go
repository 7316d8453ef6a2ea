// Package localproc runs one server process of the machine's own for
// localpg and localredis: started, waited for until it answers, stopped or
// killed. Its exit is seen by every waiter, so that a process that died
// while starting can still be stopped without waiting out a timeout.
package localproc

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"time"
)

// Proc is a started server process.
type Proc struct {
	name   string // the program, for messages ("postgres")
	log    string // where its output goes, named when it fails to start
	cmd    *exec.Cmd
	exited chan struct{} // closed once the process has exited
	err    error         // why it exited; read only after exited is closed
}

// Start starts cmd. name names the program in errors; log is the file its
// output goes to.
func Start(cmd *exec.Cmd, name, log string) (*Proc, error) {
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &Proc{name: name, log: log, cmd: cmd, exited: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

// WaitReady asks ready, every pause, until it answers nil, the process
// exits, ctx ends or within has passed.
func (p *Proc) WaitReady(ctx context.Context, pause, within time.Duration, ready func(context.Context) error) error {
	deadline := time.Now().Add(within)
	for {
		err := ready(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-p.exited:
			return fmt.Errorf("%s exited while starting (%v); see %s", p.name, p.err, p.log)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not become ready: %w", p.name, err)
		}
	}
}

// Stop sends sig (the program's clean shutdown) and waits for the exit;
// past within it kills the process.
func (p *Proc) Stop(sig os.Signal, within time.Duration) error {
	p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
		return nil
	case <-time.After(within):
		p.cmd.Process.Kill()
		<-p.exited
		return fmt.Errorf("%s did not stop within %s; killed", p.name, within)
	}
}

// Kill sends sig (a crash's: SIGKILL, or the program's immediate
// shutdown) and waits for the exit.
func (p *Proc) Kill(sig os.Signal) {
	p.cmd.Process.Signal(sig)
	<-p.exited
}

// PID is the process's id.
func (p *Proc) PID() int { return p.cmd.Process.Pid }

// FreePort returns a port of 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
