package main

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// startServeProcess starts cmd (a `serve` command) and waits until it prints
// the URL it is running at. The caller stops the process.
func startServeProcess(ctx context.Context, cmd *exec.Cmd, wait time.Duration) (string, error) {
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "IGF Plus is running at "); ok {
				urls <- u
			}
		}
	}()
	select {
	case u := <-urls:
		return u, nil
	case <-time.After(wait):
		return "", fmt.Errorf("the bench server did not start")
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
