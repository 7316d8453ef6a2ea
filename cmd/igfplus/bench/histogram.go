package bench

import (
	"math"
	"sync/atomic"
	"time"
)

// latencyHistogram counts latencies in buckets of 20 µs up to 4 s. Clients
// record with atomic adds, so that thousands of readers do not contend.
type latencyHistogram struct {
	buckets []atomic.Int64
	over    atomic.Int64
	total   atomic.Int64
}

const latencyBucket = 20 * time.Microsecond

func newLatencyHistogram() *latencyHistogram {
	return &latencyHistogram{buckets: make([]atomic.Int64, int(4*time.Second/latencyBucket))}
}

func (h *latencyHistogram) record(d time.Duration) {
	if i := int(d / latencyBucket); i >= 0 && i < len(h.buckets) {
		h.buckets[i].Add(1)
	} else {
		h.over.Add(1)
	}
	h.total.Add(1)
}

// reset clears the counts; call it while nothing records.
func (h *latencyHistogram) reset() {
	for i := range h.buckets {
		h.buckets[i].Store(0)
	}
	h.over.Store(0)
	h.total.Store(0)
}

// quantile returns the q-quantile in milliseconds (the bucket's upper edge).
func (h *latencyHistogram) quantile(q float64) float64 {
	total := h.total.Load()
	if total == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(total)))
	var seen int64
	for i := range h.buckets {
		if seen += h.buckets[i].Load(); seen >= rank {
			return float64(time.Duration(i+1)*latencyBucket) / float64(time.Millisecond)
		}
	}
	return float64(4 * time.Second / time.Millisecond)
}
