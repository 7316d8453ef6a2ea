//go:build !linux

package hub

// threadCPU cannot tell a thread's CPU time here: the room's beat then
// follows the wall time its batches take (shard.go).
func threadCPU() int64 { return -1 }
