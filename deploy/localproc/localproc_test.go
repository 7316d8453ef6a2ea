package localproc

import (
	"bufio"
	"context"
	"errors"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

func start(t *testing.T, script string) *Proc {
	t.Helper()
	p, err := Start(exec.Command("sh", "-c", script), "sh", "sh.log")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var notYet = errors.New("not yet")

// A process that dies while starting is reported at once, with its log,
// and stopping it afterwards does not wait for a timeout.
func TestAProcessThatExitsWhileStartingIsReported(t *testing.T) {
	p := start(t, "exit 3")
	err := p.WaitReady(context.Background(), 10*time.Millisecond, 10*time.Second, func(context.Context) error { return notYet })
	if err == nil || !strings.Contains(err.Error(), "exited while starting") || !strings.Contains(err.Error(), "sh.log") {
		t.Fatalf("got %v", err)
	}
	begun := time.Now()
	if err := p.Stop(syscall.SIGTERM, 5*time.Second); err != nil || time.Since(begun) > time.Second {
		t.Fatalf("stopping an exited process: %v after %s", err, time.Since(begun))
	}
}

func TestWaitReadyGivesUpAfterWithin(t *testing.T) {
	p := start(t, "sleep 30")
	defer p.Kill(syscall.SIGKILL)
	err := p.WaitReady(context.Background(), 10*time.Millisecond, 50*time.Millisecond, func(context.Context) error { return notYet })
	if !errors.Is(err, notYet) || !strings.Contains(err.Error(), "did not become ready") {
		t.Fatalf("got %v", err)
	}
	calls := 0
	err = p.WaitReady(context.Background(), time.Millisecond, time.Second, func(context.Context) error {
		if calls++; calls < 3 {
			return notYet
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Fatalf("ready on the third call: %v after %d", err, calls)
	}
}

// A process that ignores the shutdown signal is killed past within.
func TestStopKillsAProcessThatIgnoresTheSignal(t *testing.T) {
	cmd := exec.Command("sh", "-c", "trap '' TERM; echo trapped; sleep 30 & wait")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Start(cmd, "sh", "sh.log")
	if err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "trapped\n" { // the trap is set
		t.Fatalf("the shell said %q", line)
	}
	err = p.Stop(syscall.SIGTERM, 200*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("got %v", err)
	}
	select {
	case <-p.exited:
	default:
		t.Fatal("Stop returned before the process exited")
	}
}

func TestFreePort(t *testing.T) {
	port, err := FreePort()
	if err != nil || port <= 0 {
		t.Fatalf("%d %v", port, err)
	}
}
