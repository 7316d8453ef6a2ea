package testenv

import "runtime"

// LiveHeap returns the heap in use once garbage is collected
// (runtime.MemStats.HeapInuse after two collections: finalizers free more
// on the second): what the memory benchmarks report before and after
// building what they measure.
func LiveHeap() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse)
}
