package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/metrics"
)

func TestPollMetrics(t *testing.T) {
	m := metrics.New(nil, nil)
	onPoll := pollMetrics(m, true)
	for _, rep := range []ingest.PollReport{
		{Added: 2, Updated: 1, Copies: 1, Linked: 3, EntryErrors: []error{errors.New("entry x: 404")}},
		{NotModified: true},
		{Err: errors.New("feed: HTTP 500")},
		{Err: context.Canceled},                            // shutdown: not counted
		{Err: &ingest.WaitError{Until: time.Unix(1e9, 0)}}, // not polled: not counted
	} {
		onPoll(rep)
	}
	const want = `
# HELP storyline_articles_analysed_total Articles analysed (summary, keyphrases, entities, story) as they were stored.
# TYPE storyline_articles_analysed_total counter
storyline_articles_analysed_total 4
# HELP storyline_entries_stored_total Feed entries stored, by outcome: added, updated, copy (same text as a stored article) or linked (already stored).
# TYPE storyline_entries_stored_total counter
storyline_entries_stored_total{outcome="added"} 2
storyline_entries_stored_total{outcome="copy"} 1
storyline_entries_stored_total{outcome="linked"} 3
storyline_entries_stored_total{outcome="updated"} 1
# HELP storyline_feed_polls_total Feed polls, by result: ok, not_modified (HTTP 304) or error.
# TYPE storyline_feed_polls_total counter
storyline_feed_polls_total{result="error"} 1
storyline_feed_polls_total{result="not_modified"} 1
storyline_feed_polls_total{result="ok"} 1
# HELP storyline_fetch_errors_total Fetch failures, by what failed: a feed, or one of its entries.
# TYPE storyline_fetch_errors_total counter
storyline_fetch_errors_total{kind="entry"} 1
storyline_fetch_errors_total{kind="feed"} 1
`
	if err := testutil.GatherAndCompare(m.Registry(), strings.NewReader(want),
		"storyline_feed_polls_total", "storyline_entries_stored_total", "storyline_fetch_errors_total", "storyline_articles_analysed_total"); err != nil {
		t.Error(err)
	}
}
