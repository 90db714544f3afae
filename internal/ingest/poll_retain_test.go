package ingest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// TestPollSkipsExpiredEntries: with a retention age in force, a poll does
// not store the new entries published before it (retention would delete
// them within the hour, and the next poll would bring them back), keeps
// the undated ones, and stores everything when the age cannot be read.
func TestPollSkipsExpiredEntries(t *testing.T) {
	tests := []struct {
		name    string
		retain  func(context.Context) (time.Duration, error)
		added   int
		expired int
	}{
		{"no retention", nil, 4, 0},
		{"keep everything", func(context.Context) (time.Duration, error) { return 0, nil }, 4, 0},
		{"two days", func(context.Context) (time.Duration, error) { return 48 * time.Hour, nil }, 3, 1},
		{"one day", func(context.Context) (time.Duration, error) { return 24 * time.Hour, nil }, 1, 3},
		{"unreadable", func(context.Context) (time.Duration, error) { return 0, errors.New("disk I/O error") }, 4, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newTestSite(t)
			p, db := newTestPoller(t, false)
			p.Now = func() time.Time { return time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC) }
			p.Retain = tt.retain
			f := subscribe(t, db, &storyline.Feed{URL: site.URL + "/feeds/world.rss", FeedOnly: true})
			rep := p.Poll(context.Background(), f)
			if rep.Err != nil || rep.Added != tt.added || rep.Expired != tt.expired || rep.New != tt.added {
				t.Errorf("report = %+v; want %d added, %d expired", rep, tt.added, tt.expired)
			}
		})
	}
}
