package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// PollResult is how a feed poll ended.
type PollResult string

// Poll results.
const (
	PollOK          PollResult = "ok"
	PollNotModified PollResult = "not_modified"
	PollError       PollResult = "error"
)

// Outcome is what storing a feed entry did.
type Outcome string

// Entry outcomes.
const (
	Added   Outcome = "added"
	Updated Outcome = "updated"
	Copy    Outcome = "copy"   // the same text as a stored article: linked to it
	Linked  Outcome = "linked" // already stored (another feed, an import)
)

// ErrorKind is what a fetch error was about.
type ErrorKind string

// Fetch error kinds.
const (
	FeedError  ErrorKind = "feed"  // the feed itself could not be fetched or read
	EntryError ErrorKind = "entry" // one of its entries could not be stored
)

// FeedPolled counts one feed poll.
func (m *Metrics) FeedPolled(r PollResult) {
	m.polls.WithLabelValues(string(r)).Inc()
}

// EntriesStored counts n feed entries stored with outcome o.
func (m *Metrics) EntriesStored(o Outcome, n int) {
	if n > 0 {
		m.entries.WithLabelValues(string(o)).Add(float64(n))
	}
}

// FetchErrors counts n fetch errors of kind k.
func (m *Metrics) FetchErrors(k ErrorKind, n int) {
	if n > 0 {
		m.errors.WithLabelValues(string(k)).Add(float64(n))
	}
}

// ArticlesAnalysed counts n articles analysed.
func (m *Metrics) ArticlesAnalysed(n int) {
	if n > 0 {
		m.analysed.Add(float64(n))
	}
}

// WatchAnalysisBacklog exports what lag returns — the articles stored and
// not analysed yet, and how long ago the oldest of them was stored — as
// storyline_analysis_backlog_articles and storyline_analysis_lag_seconds,
// read at each scrape. Call it once.
func (m *Metrics) WatchAnalysisBacklog(lag func() (int, time.Duration)) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: namespace, Name: "analysis_backlog_articles",
			Help: "Articles stored and not analysed yet: analysis follows the saves.",
		}, func() float64 { n, _ := lag(); return float64(n) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: namespace, Name: "analysis_lag_seconds",
			Help: "How long ago the oldest article not analysed yet was stored; 0 when none waits.",
		}, func() float64 { _, d := lag(); return d.Seconds() }),
	)
}
