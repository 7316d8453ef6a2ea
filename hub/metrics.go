package hub

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the hub's Prometheus collectors. A nil *Metrics records nothing.
type Metrics struct {
	Connections prometheus.Gauge
	Rooms       prometheus.Gauge
	Delivered   prometheus.Counter
	// SocketWrites counts WebSocket messages written with events: with
	// Delivered it gives the events carried per write.
	SocketWrites  prometheus.Counter
	Published     prometheus.Counter
	SlowConsumers prometheus.Counter
	GapsHealed    prometheus.Counter
	Resets        prometheus.Counter
	// RecentResumes counts resumes served from the Recent log (Redis)
	// rather than History (Postgres).
	RecentResumes prometheus.Counter
	// Unauthenticated counts events from the broker or its recent log
	// refused for want of a valid tag (read from History instead).
	Unauthenticated prometheus.Counter
	// QueueHighWater is the most bytes ever waiting in one connection's
	// queue: it never passes Config.QueueBytes.
	QueueHighWater prometheus.Gauge
}

// NewMetrics creates the hub's collectors and registers them with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Connections:     prometheus.NewGauge(prometheus.GaugeOpts{Name: "igfplus_hub_connections", Help: "Open WebSocket connections on this node."}),
		Rooms:           prometheus.NewGauge(prometheus.GaugeOpts{Name: "igfplus_hub_rooms", Help: "Rooms with at least one local connection."}),
		Delivered:       prometheus.NewCounter(prometheus.CounterOpts{Name: "igfplus_hub_deliveries_total", Help: "Event frames queued to connections."}),
		SocketWrites:    prometheus.NewCounter(prometheus.CounterOpts{Name: "igfplus_hub_socket_writes_total", Help: "WebSocket messages written to connections (each carries one or more frames)."}),
		Published:       prometheus.NewCounter(prometheus.CounterOpts{Name: "igfplus_hub_published_total", Help: "Events published by this node."}),
		SlowConsumers:   prometheus.NewCounter(prometheus.CounterOpts{Name: "igfplus_hub_slow_consumers_total", Help: "Connections closed for falling behind."}),
		GapsHealed:      prometheus.NewCounter(prometheus.CounterOpts{Name: "igfplus_hub_gaps_healed_total", Help: "Gaps in a room's sequence healed from the event log."}),
		Resets:          prometheus.NewCounter(prometheus.CounterOpts{Name: "igfplus_hub_resets_total", Help: "Clients told to reload their state."}),
		RecentResumes:   prometheus.NewCounter(prometheus.CounterOpts{Name: "igfplus_hub_recent_resumes_total", Help: "Resumes served from the broker's recent history instead of the event log."}),
		Unauthenticated: prometheus.NewCounter(prometheus.CounterOpts{Name: "igfplus_hub_unauthenticated_events_total", Help: "Events from the broker refused for want of a valid tag, read from the event log instead."}),
		QueueHighWater:  prometheus.NewGauge(prometheus.GaugeOpts{Name: "igfplus_hub_queue_high_water_bytes", Help: "Most bytes ever waiting in one connection's outgoing queue."}),
	}
	reg.MustRegister(m.Connections, m.Rooms, m.Delivered, m.SocketWrites, m.Published, m.SlowConsumers, m.GapsHealed, m.Resets, m.RecentResumes, m.Unauthenticated, m.QueueHighWater)
	return m
}

func (m *Metrics) conn(delta float64) {
	if m != nil {
		m.Connections.Add(delta)
	}
}

func (m *Metrics) room(delta float64) {
	if m != nil {
		m.Rooms.Add(delta)
	}
}

func (m *Metrics) delivered(n int) {
	if m != nil {
		m.Delivered.Add(float64(n))
	}
}

func (m *Metrics) wrote(n int) {
	if m != nil && n > 0 {
		m.SocketWrites.Add(float64(n))
	}
}

func (m *Metrics) inc(c func(*Metrics) prometheus.Counter) {
	if m != nil {
		c(m).Inc()
	}
}
