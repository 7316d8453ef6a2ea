package e2e

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// maxSignInRSS is the most resident memory the server may reach while 100
// sign-ins arrive at once (finding 4 of #19: it reached 1,784 MB, argon2id's
// 19 MiB for each hash, all at once).
const maxSignInRSS = 300 << 20

// TestParallelSignInsKeepTheServersMemoryBounded sends 100 sign-ins with
// unknown e-mail addresses at once to a real server process and reads the
// process's peak resident set (VmHWM in /proc/<pid>/status, which the
// kernel keeps: no sampling can miss the peak). Every sign-in is answered
// 401 (a hash against the stand-in hash, so that unknown addresses take
// the time known ones do) or, beyond the hashing slots' short wait, 503
// with Retry-After; the peak stays under 300 MB. docs/PERFORMANCE.md has
// the figures.
func TestParallelSignInsKeepTheServersMemoryBounded(t *testing.T) {
	c := newCluster(t)
	n := startNode(t, c, "--demo", "never")
	before := residentPeak(t, n.cmd.Process.Pid)
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxConnsPerHost: 0, MaxIdleConnsPerHost: 100}}
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		counts = map[int]int{}
		start  = make(chan struct{})
	)
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			body := fmt.Sprintf(`{"email":"nobody%d@example.org","password":"a guess of some length %d"}`, i, i)
			resp, err := client.Post(n.URL+"/api/auth/signin", "application/json", strings.NewReader(body))
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") == "" {
				t.Error("a 503 without Retry-After")
			}
			mu.Lock()
			counts[resp.StatusCode]++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	peak := residentPeak(t, n.cmd.Process.Pid)
	t.Logf("peak RSS %d MB after start, %d MB through 100 parallel sign-ins; answers %v", before>>20, peak>>20, counts)
	for code := range counts {
		if code != http.StatusUnauthorized && code != http.StatusServiceUnavailable {
			t.Errorf("%d answers %d, want 401 or 503", counts[code], code)
		}
	}
	if peak >= maxSignInRSS {
		t.Fatalf("the server's peak RSS reached %d MB, over %d MB", peak>>20, maxSignInRSS>>20)
	}
}

// residentPeak is the peak resident set of process pid, in bytes.
func residentPeak(t *testing.T, pid int) int64 {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc to read the server's memory from: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/<pid>/status")
	return 0
}
