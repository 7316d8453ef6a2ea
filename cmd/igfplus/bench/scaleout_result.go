package bench

import (
	"os"
	"strconv"
	"strings"
)

// scaleoutResult is the scale-out run's verdict, printed as one JSON line.
// Latency runs from the publishing POST's start (the time in the chat's
// body) to each client's receipt, on one clock.
type scaleoutResult struct {
	Nodes       int     `json:"nodes"`
	RedisMode   string  `json:"redis_mode"` // "cluster" or "single"
	Rooms       int     `json:"rooms"`
	Clients     int     `json:"clients"`
	Rate        float64 `json:"rate"`         // events a second asked of each small room
	PlenaryRate float64 `json:"plenary_rate"` // and of the plenary
	DurationS   float64 `json:"duration_s"`   // publishing and the wait for the last deliveries
	ConnectS    float64 `json:"connect_s"`
	// The machine is shared: its load average (1, 5, 15 minutes) when the
	// publishing started and when it ended.
	LoadStart [3]float64 `json:"load_avg_start"`
	LoadEnd   [3]float64 `json:"load_avg_end"`
	// Per kind of room: "plenary" (one room) and "nri" (the others).
	Kinds         map[string]*scaleoutKind `json:"kinds"`
	Gaps          int64                    `json:"gaps"`
	Duplicates    int64                    `json:"duplicates"`
	PublishErrors int64                    `json:"publish_errors"`
	// Rooms where some client did not receive every event published, and
	// clients the server closed (a slow consumer is dropped).
	RoomsShort     int `json:"rooms_short"`
	ClientsDropped int `json:"clients_dropped"`
	// Rooms into which at least one event was published.
	RoomsPublished int            `json:"rooms_published"`
	PerNode        []nodeFigures  `json:"per_node"`
	Redis          []redisFigures `json:"redis"`
	// RoomShards is the Redis node (an index into redis) whose shard
	// carries each room's channel, the plenary first: read from Redis
	// (PUBSUB SHARDCHANNELS), not computed.
	RoomShards       []int   `json:"room_shards"`
	PostgresCPUPct   float64 `json:"postgres_cpu_pct"`
	PostgresUsPerEvt float64 `json:"postgres_cpu_us_per_event"`
}

// scaleoutKind is what one kind of room received.
type scaleoutKind struct {
	Rooms         int     `json:"rooms"`
	Clients       int     `json:"clients"`
	Published     int64   `json:"published"`
	PublishedPerS float64 `json:"published_per_s"`
	Delivered     int64   `json:"delivered"`
	DeliveredPerS float64 `json:"delivered_per_s"`
	P50Ms         float64 `json:"p50_ms"`
	P99Ms         float64 `json:"p99_ms"`
	P999Ms        float64 `json:"p999_ms"`
	PublishP99Ms  float64 `json:"publish_p99_ms"` // the POST's round trip
	RoomsShort    int     `json:"rooms_short"`
}

// nodeFigures is one server node's cost.
type nodeFigures struct {
	Clients          int     `json:"clients"`
	Delivered        int64   `json:"delivered"`
	CPUPct           float64 `json:"cpu_pct"` // of one core
	CPUUsPerDelivery float64 `json:"cpu_us_per_delivery"`
	RSSMiB           float64 `json:"rss_mib"`
}

// redisFigures is one Redis process's cost and the room channels it holds.
type redisFigures struct {
	Addr     string  `json:"addr"`
	CPUPct   float64 `json:"cpu_pct"` // of one core
	Channels int     `json:"room_channels"`
	Plenary  bool    `json:"plenary,omitempty"` // holds the plenary's channel
}

func newScaleoutResult(o scaleoutOpts) scaleoutResult {
	return scaleoutResult{Nodes: o.nodes, RedisMode: o.redis, Rooms: o.rooms, Clients: o.clients(),
		Rate: o.rate, PlenaryRate: o.plenaryRate, Kinds: map[string]*scaleoutKind{}}
}

// loadAverage reads /proc/loadavg (zeros when it cannot).
func loadAverage() [3]float64 {
	var l [3]float64
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return l
	}
	f := strings.Fields(string(b))
	for i := 0; i < 3 && i < len(f); i++ {
		l[i], _ = strconv.ParseFloat(f[i], 64)
	}
	return l
}
