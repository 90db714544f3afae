package main

import (
	"context"
	"errors"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/metrics"
)

// pollMetrics returns a Scheduler.OnPoll callback that counts what each
// poll did in m: the poll's result, the entries stored by outcome, fetch
// errors of the feed and of its entries, and, when analysing, the articles
// analysed (every entry added, updated or stored as a copy is). Polls cut
// short by shutdown and feeds skipped because their server asked to wait
// are not counted.
func pollMetrics(m *metrics.Metrics, analysing bool) func(ingest.PollReport) {
	return func(rep ingest.PollReport) {
		var wait *ingest.WaitError
		if errors.Is(rep.Err, context.Canceled) || errors.As(rep.Err, &wait) {
			return
		}
		switch {
		case rep.Err != nil:
			m.FeedPolled(metrics.PollError)
			m.FetchErrors(metrics.FeedError, 1)
		case rep.NotModified:
			m.FeedPolled(metrics.PollNotModified)
		default:
			m.FeedPolled(metrics.PollOK)
		}
		m.EntriesStored(metrics.Added, rep.Added)
		m.EntriesStored(metrics.Updated, rep.Updated)
		m.EntriesStored(metrics.Copy, rep.Copies)
		m.EntriesStored(metrics.Linked, rep.Linked)
		m.FetchErrors(metrics.EntryError, len(rep.EntryErrors))
		if analysing {
			m.ArticlesAnalysed(rep.Added + rep.Updated + rep.Copies)
		}
	}
}

// entryMetrics returns a queue OnEntry callback that counts each entry
// job's outcome in m.
func entryMetrics(m *metrics.Metrics) func(storyline.SaveOutcome, error) {
	return func(o storyline.SaveOutcome, err error) {
		switch {
		case err != nil:
			m.FetchErrors(metrics.EntryError, 1)
		case o == storyline.Added:
			m.EntriesStored(metrics.Added, 1)
		case o == storyline.Updated:
			m.EntriesStored(metrics.Updated, 1)
		case o == storyline.Copied:
			m.EntriesStored(metrics.Copy, 1)
		default:
			m.EntriesStored(metrics.Linked, 1)
		}
	}
}
