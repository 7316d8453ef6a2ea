package rig

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// CPUMicros returns the user and system CPU time of process pid, in µs
// (0 when unknown).
func CPUMicros(pid int) int64 {
	f := statFields(pid)
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticksPerSecond = 100 // USER_HZ on Linux
	return (utime + stime) * 1_000_000 / ticksPerSecond
}

// TreeCPUMicros is the CPU time of process pid and its children, in µs.
func TreeCPUMicros(pid int) int64 {
	var total int64
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if f := statFields(n); n == pid || len(f) > 1 && f[1] == strconv.Itoa(pid) {
			total += CPUMicros(n)
		}
	}
	return total
}

// statFields returns the fields of /proc/<pid>/stat after the command's
// name (which may hold spaces): state, ppid, ...; nil when unknown.
func statFields(pid int) []string {
	if pid <= 0 {
		return nil
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	return strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
}

// RSSKiB returns the resident set size of process pid, in KiB (0 when
// unknown).
func RSSKiB(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.Fields(v)[0], 10, 64)
			return n
		}
	}
	return 0
}
