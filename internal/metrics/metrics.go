// Package metrics exposes Storyline's Prometheus metrics: HTTP request
// latency by route, what feed polling did, the store's totals, and the Go
// runtime's and the process's own. Each Metrics has its own registry;
// nothing is registered globally.
package metrics

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// namespace prefixes Storyline's own series.
const namespace = "storyline"

// Metrics records what the server and the ingester do, and serves it in
// Prometheus' text format. Its methods are safe for concurrent use.
type Metrics struct {
	reg      *prometheus.Registry
	log      *slog.Logger
	requests *prometheus.HistogramVec
	polls    *prometheus.CounterVec
	entries  *prometheus.CounterVec
	errors   *prometheus.CounterVec
	analysed prometheus.Counter
	model    modelMetrics
}

// New returns metrics on a registry of their own, with the Go and process
// collectors and, when store is not nil, the store's totals read at scrape
// time (cached briefly). log receives scrape errors; nil discards them.
func New(store Store, log *slog.Logger) *Metrics {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		log: log,
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern and status class.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "status"}),
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "feed_polls_total",
			Help: "Feed polls, by result: ok, not_modified (HTTP 304) or error.",
		}, []string{"result"}),
		entries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "entries_stored_total",
			Help: "Feed entries stored, by outcome: added, updated, copy (same text as a stored article) or linked (already stored).",
		}, []string{"outcome"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "fetch_errors_total",
			Help: "Fetch failures, by what failed: a feed, or one of its entries.",
		}, []string{"kind"}),
		analysed: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Name: "articles_analysed_total",
			Help: "Articles analysed (summary, keyphrases, entities, story) as they were stored.",
		}),
		model: newModelMetrics(),
	}
	for _, r := range []PollResult{PollOK, PollNotModified, PollError} {
		m.polls.WithLabelValues(string(r))
	}
	for _, o := range []Outcome{Added, Updated, Copy, Linked} {
		m.entries.WithLabelValues(string(o))
	}
	for _, k := range []ErrorKind{FeedError, EntryError} {
		m.errors.WithLabelValues(string(k))
	}
	m.reg.MustRegister(m.requests, m.polls, m.entries, m.errors, m.analysed,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.reg.MustRegister(m.model.collectors()...)
	if store != nil {
		m.reg.MustRegister(newStoreCollector(store, time.Now))
	}
	return m
}

// ObserveRequest records one HTTP request: its route pattern, status and
// duration. It implements web.RequestObserver.
func (m *Metrics) ObserveRequest(route string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, statusClass(status)).Observe(d.Seconds())
}

// statusClass is "2xx", "4xx" and so on.
func statusClass(status int) string {
	if status < 100 || status > 599 {
		return "other"
	}
	return strconv.Itoa(status/100) + "xx"
}

// Handler serves the metrics in Prometheus' text format. A collector that
// fails leaves its series out of the scrape, and is logged.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:      slogPrinter{m.log},
		ErrorHandling: promhttp.ContinueOnError,
		Registry:      m.reg,
	})
}

// Registry returns the metrics' own registry, for tests and for
// registering more collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// slogPrinter adapts a slog.Logger to promhttp's error log.
type slogPrinter struct{ log *slog.Logger }

// Println logs v as a warning.
func (p slogPrinter) Println(v ...any) {
	p.log.Warn("metrics", "err", strings.TrimSuffix(fmt.Sprintln(v...), "\n"))
}
