package hub

import (
	"syscall"
	"unsafe"
)

// writeOnce is write(2) on a non-blocking socket, made as a raw system
// call. syscall.Write enters and leaves the runtime's syscall state around
// the call, so that the runtime's monitor may hand the goroutine's P to
// other work while it blocks; this write never blocks (a full socket
// answers EAGAIN), and in a big room's fanout, a thousand writes a batch,
// that bookkeeping and the monitor's retaking cost about 5 % of the
// server's CPU (docs/PERFORMANCE.md).
func writeOnce(fd int, b []byte) (int, error) {
	n, _, errno := syscall.RawSyscall(syscall.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)))
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}
