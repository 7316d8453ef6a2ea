package relay

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/igfplus/igfplus/tracks/publishing"
)

// Backlogger reports what the outbox holds that is not yet delivered.
type Backlogger interface {
	Backlog(ctx context.Context) (publishing.Backlog, error)
}

// Metrics are the relay's Prometheus series: attempts by outcome (counted
// by this node), and the shared outbox's backlog and the age of its oldest
// undelivered row (read from Postgres at each scrape, so every node
// reports the same figures).
type Metrics struct {
	deliveries *prometheus.CounterVec
}

// NewMetrics registers the relay's series on reg.
func NewMetrics(reg prometheus.Registerer, outbox Backlogger) *Metrics {
	m := &Metrics{deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "igfplus_relay_deliveries_total",
		Help: "Relay delivery attempts by outcome (delivered, retry, failed, disable_endpoint).",
	}, []string{"outcome"})}
	for _, o := range []publishing.Outcome{publishing.Delivered, publishing.Retry, publishing.Failed, publishing.DisableEndpoint} {
		m.deliveries.WithLabelValues(string(o)) // present at zero from the start
	}
	reg.MustRegister(m.deliveries, backlogCollector{outbox})
	return m
}

func (m *Metrics) observe(o publishing.Outcome) {
	if m != nil {
		m.deliveries.WithLabelValues(string(o)).Inc()
	}
}

var (
	backlogDesc = prometheus.NewDesc("igfplus_relay_outbox_backlog",
		"Outbox rows not yet delivered, failed or disabled (pending or being delivered).", nil, nil)
	oldestDesc = prometheus.NewDesc("igfplus_relay_outbox_oldest_age_seconds",
		"Age of the oldest outbox row not yet delivered (0 when none).", nil, nil)
)

// backlogCollector reads the backlog when scraped. A scrape that cannot
// read it within two seconds reports nothing rather than a stale figure.
type backlogCollector struct{ outbox Backlogger }

func (c backlogCollector) Describe(ch chan<- *prometheus.Desc) { ch <- backlogDesc; ch <- oldestDesc }

func (c backlogCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	b, err := c.outbox.Backlog(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(backlogDesc, err)
		return
	}
	ch <- prometheus.MustNewConstMetric(backlogDesc, prometheus.GaugeValue, float64(b.Rows))
	ch <- prometheus.MustNewConstMetric(oldestDesc, prometheus.GaugeValue, b.OldestAge.Seconds())
}
