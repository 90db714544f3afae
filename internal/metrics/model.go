package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// modelMetrics are the language model's series.
type modelMetrics struct {
	requests *prometheus.CounterVec
	tokens   *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// newModelMetrics returns the language model's series, unregistered.
func newModelMetrics() modelMetrics {
	return modelMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "model_requests_total",
			Help: "Calls to the language model, by operation (brief, ask) and result: ok, or unavailable, rejected, malformed, budget (the daily token budget spent), canceled, error.",
		}, []string{"op", "result"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "model_tokens_total",
			Help: "Tokens the language model used, by kind: prompt or completion (estimated at four bytes a token when the server does not say).",
		}, []string{"kind"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "model_request_duration_seconds",
			Help:    "Time the language model took to answer, retries included, by operation.",
			Buckets: []float64{.1, .25, .5, 1, 2.5, 5, 10, 20, 40, 60, 120},
		}, []string{"op"}),
	}
}

// collectors returns the series to register.
func (mm modelMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{mm.requests, mm.tokens, mm.latency}
}

// ObserveModel records one call to the language model: its operation
// ("brief", "ask"), result, duration and tokens. It implements
// briefing.Metrics.
func (m *Metrics) ObserveModel(op, result string, d time.Duration, promptTokens, completionTokens int) {
	m.model.requests.WithLabelValues(op, result).Inc()
	m.model.latency.WithLabelValues(op).Observe(d.Seconds())
	if promptTokens > 0 {
		m.model.tokens.WithLabelValues("prompt").Add(float64(promptTokens))
	}
	if completionTokens > 0 {
		m.model.tokens.WithLabelValues("completion").Add(float64(completionTokens))
	}
}
