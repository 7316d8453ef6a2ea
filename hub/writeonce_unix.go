//go:build unix && !linux

package hub

import "syscall"

// writeOnce is write(2) on a non-blocking socket (see the Linux version).
func writeOnce(fd int, b []byte) (int, error) { return syscall.Write(fd, b) }
