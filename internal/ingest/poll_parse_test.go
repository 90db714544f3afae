package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/feed"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// bigFeed is an RSS feed of n entries, each linking to /a/i and with pad
// bytes of text more; entry i was published i hours before at, except
// every tenth, which is undated. The document lists the oldest first, so
// that the newest are in its last batch.
func bigFeed(n, pad int, at time.Time) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example.com/</link>` + "\n")
	for i := n - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>https://big.example.com/a/%d</link>", i, i)
		if i%10 != 9 {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", at.Add(-time.Duration(i)*time.Hour).Format(time.RFC1123Z))
		}
		fmt.Fprintf(&b, "<description>Entry &amp; text %d.%s</description></item>\n", i, strings.Repeat(" More text.", pad/11))
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

// bigFeedAt is the time of the polls of big feeds.
var bigFeedAt = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// pollerOf returns a poller at bigFeedAt that takes most entries a poll, its
// store, and a feed (feed only) serving body.
func pollerOf(t *testing.T, body []byte, most int) (*Poller, *sqlite.DB, *storyline.Feed) {
	t.Helper()
	srv := serveFeed(t, body)
	p, db := newTestPoller(t, false)
	p.MaxEntries = most
	p.Now = func() time.Time { return bigFeedAt }
	return p, db, subscribe(t, db, &storyline.Feed{URL: srv.URL + "/big.rss", FeedOnly: true})
}

// serveFeed serves body with an ETag, and 304 to a request with it.
func serveFeed(t *testing.T, body []byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", `"big"`)
		if r.Header.Get("If-None-Match") == `"big"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestPollLargeFeed: a feed of more entries than one parse takes whole
// (so parsed in batches) stores the newest MaxEntries of its new entries
// in each poll, forgetting the validators so that the next poll takes
// the next newest.
func TestPollLargeFeed(t *testing.T) {
	p, db, f := pollerOf(t, bigFeed(6000, 0, bigFeedAt), 10)
	ctx := context.Background()

	for poll, want := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 10}, {11, 12, 13, 14, 15, 16, 17, 18, 20, 21}} {
		rep := p.Poll(ctx, reload(t, db, f))
		if rep.Err != nil || !rep.Capped || rep.Entries != 6000 || rep.New != 10 || rep.Added != 10 {
			t.Fatalf("poll %d = %+v; want the 10 newest new of 6000 entries, capped", poll+1, rep)
		}
		for _, i := range want {
			if _, err := db.ArticleByURL(ctx, fmt.Sprintf("https://big.example.com/a/%d", i)); err != nil {
				t.Errorf("poll %d: entry %d, one of the newest new, was not stored: %v", poll+1, i, err)
			}
		}
		got := reload(t, db, f)
		if got.ETag != "" || !strings.Contains(got.LastError, "the next poll takes the rest") {
			t.Errorf("after poll %d: ETag %q, last error %q; want no validators and a note", poll+1, got.ETag, got.LastError)
		}
	}
	if n, _ := db.CountArticles(ctx); n != 20 {
		t.Errorf("%d articles after two polls, want 20", n)
	}
}

// TestPollLargeEntries: a feed of few entries but more bytes than one
// parse takes whole is parsed in batches too; a poll whose new entries
// are within its take is not capped and keeps the validators.
func TestPollLargeEntries(t *testing.T) {
	p, db, f := pollerOf(t, bigFeed(20, 250_000, bigFeedAt), 12)
	ctx := context.Background()
	if rep := p.Poll(ctx, f); rep.Err != nil || !rep.Capped || rep.Added != 12 || rep.Entries != 20 {
		t.Fatalf("first poll = %+v; want 12 of 20 added, capped", rep)
	}
	rep := p.Poll(ctx, reload(t, db, f))
	if rep.Err != nil || rep.Capped || rep.New != 8 || rep.Added != 8 || rep.Entries != 20 {
		t.Fatalf("second poll = %+v; want the other 8, not capped", rep)
	}
	if got := reload(t, db, f); got.ETag != `"big"` || got.LastError != "" {
		t.Errorf("after the poll that took the rest: ETag %q, last error %q", got.ETag, got.LastError)
	}
}

func TestAddDates(t *testing.T) {
	var dates []time.Time
	for batch := range 3 {
		entries := make([]feed.Entry, 500)
		for i := range entries {
			entries[i].Published = bigFeedAt.Add(-time.Duration(batch*500+i) * time.Hour)
		}
		entries[7].Published = time.Time{}
		dates = addDates(dates, entries, bigFeedAt.Add(-time.Hour))
	}
	if len(dates) > 16*recentDates {
		t.Fatalf("%d dates kept", len(dates))
	}
	slices.SortFunc(dates, func(a, b time.Time) int { return b.Compare(a) })
	if len(dates) < recentDates || !dates[0].Equal(bigFeedAt.Add(-time.Hour)) || !dates[recentDates-1].Equal(bigFeedAt.Add(-(recentDates+1)*time.Hour)) { // 1 to 65 hours ago but 7
		t.Errorf("%d dates from %v to %v; want at least the %d newest not after now", len(dates), dates[0], dates[len(dates)-1], recentDates)
	}
}

// TestSubscribeLargeFeed: subscribing parses no more of a large feed than
// its first batch, and takes its title from it.
func TestSubscribeLargeFeed(t *testing.T) {
	srv := serveFeed(t, bigFeed(6000, 0, bigFeedAt))
	p, _ := newTestPoller(t, false)
	f, err := p.Subscribe(context.Background(), Subscription{URL: srv.URL + "/big.rss"})
	if err != nil || f.Title != "Big" || f.SiteURL != "https://big.example.com/" {
		t.Fatalf("Subscribe = %+v, %v; want the feed titled Big", f, err)
	}
}
