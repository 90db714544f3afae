package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/storyline/storyline"
)

// feedsView is the data of the feeds page.
type feedsView struct {
	Feeds  []feedRow
	CanAdd bool // an ingester is configured, so feeds can be added here
	// CanRetry: the ingester can poll a feed now ("Retry now").
	CanRetry bool
	// Query filters the list (?q=): words each found in a feed's title,
	// URL, category or outlet name. Total counts the feeds unfiltered.
	Query string
	Total int
	// URL and Category are the add form's values, kept after an error.
	URL      string
	Category string
	Error    string
	// ErrorDetail is the technical message behind Error, when Error puts
	// it in plain words.
	ErrorDetail string
	Notice      string
	// Imported is what an article import just did, shown once.
	Imported *ImportSummary
}

// feedRow is one feed in the table.
type feedRow struct {
	*storyline.Feed
	Due string // when it is polled next, in words
	// Problem is the last error in plain words, nil when there is none.
	Problem *feedProblem
}

// noIngesterMessage explains why feeds cannot be added from this server.
const noIngesterMessage = "adding feeds needs the server's ingester (run storyline serve), or use storyline feeds add on the command line"

// pageFeeds lists the feeds with their health and the forms that add,
// import and export them; administrators only.
func (s *Server) pageFeeds(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	s.showFeeds(w, r, http.StatusOK, feedsView{Notice: feedsNotice(r), Query: feedsQuery(r)})
}

// showFeeds renders the feeds page with v and the stored feeds.
func (s *Server) showFeeds(w http.ResponseWriter, r *http.Request, status int, v feedsView) {
	if err := s.loadFeedRows(r.Context(), &v); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "feeds", "Feeds", v)
}

// feedsFormError shows the feeds page again with err's message, or fails
// the request when err is not the user's mistake.
func (s *Server) feedsFormError(w http.ResponseWriter, r *http.Request, v feedsView, err error) {
	if lerr := s.loadFeedRows(r.Context(), &v); lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	s.formError(w, r, "feeds", "Feeds", err, func(msg string) any { v.Error = msg; return v })
}

// loadFeedRows fills v's feeds and whether feeds can be added.
func (s *Server) loadFeedRows(ctx context.Context, v *feedsView) error {
	feeds, err := s.store.Feeds(ctx)
	if err != nil {
		return fmt.Errorf("feeds page: %w", err)
	}
	now := s.now()
	v.Total = len(feeds)
	feeds = filterFeeds(feeds, v.Query)
	sortFeeds(feeds)
	v.Feeds = make([]feedRow, len(feeds))
	for i, f := range feeds {
		v.Feeds[i] = feedRow{Feed: f, Due: dueText(f, now)}
		if f.LastError != "" {
			p := explainFeedText(f.LastError)
			v.Feeds[i].Problem = &p
		}
	}
	v.CanAdd = s.cfg.Ingester != nil
	v.CanRetry = s.feedPoller() != nil
	return nil
}

// dueText says when a feed is polled next: "paused", "due now" or
// "in 25 minutes".
func dueText(f *storyline.Feed, now time.Time) string {
	next := f.NextPoll
	if f.RetryUntil.After(next) {
		next = f.RetryUntil
	}
	switch d := next.Sub(now); {
	case f.Paused:
		return "paused"
	case d < time.Minute:
		return "due now"
	case d < time.Hour:
		return "in " + plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return "in " + plural(int(d/time.Hour), "hour")
	default:
		return "in " + plural(int(d/(24*time.Hour)), "day")
	}
}

// feedsNotice is what the feeds page says after a form succeeded, from
// its ?done= code: fixed texts, so a link cannot put words on the page.
func feedsNotice(r *http.Request) string {
	q := r.URL.Query()
	switch q.Get("done") {
	case "added":
		return "Feed added: it is polled within a minute."
	case "imported":
		added, _ := strconv.Atoi(q.Get("added"))
		existing, _ := strconv.Atoi(q.Get("existing"))
		return fmt.Sprintf("OPML imported: %s added, %d already subscribed.", plural(added, "feed"), existing)
	case "deleted":
		return "Feed removed; its articles stay."
	case "paused":
		return "Feed paused."
	case "resumed":
		return "Feed resumed: it is polled within a minute."
	case "saved":
		return "Feed saved."
	case "feed-only":
		return "Feed set to feed text only: its new entries keep the feed's own text; their pages are not fetched."
	case "full-articles":
		return "Feed set to full articles: the page of each new entry is fetched for the whole article."
	case "retried":
		return "Feed polled again: it works."
	case "retry-failed":
		return "Feed polled again: it still fails; see why below."
	case "removed":
		n, _ := strconv.Atoi(q.Get("n"))
		return plural(n, "feed") + " removed; their articles stay."
	}
	return ""
}

// adminOnly lets administrators through. Otherwise it answers the request
// itself — visitors are asked to sign in, members are refused — and
// returns false.
func (s *Server) adminOnly(w http.ResponseWriter, r *http.Request) bool {
	if userFrom(r.Context()) == nil {
		s.requireSignIn(w, r)
		return false
	}
	if err := requireAdmin(r.Context()); err != nil {
		s.fail(w, r, err)
		return false
	}
	return true
}

// adminForm is adminOnly for posting an ordinary form: it parses the form
// too.
func (s *Server) adminForm(w http.ResponseWriter, r *http.Request) bool {
	return s.adminOnly(w, r) && s.parsedForm(w, r)
}

// parsedForm parses r's form; when it returns false it has answered the
// request.
func (s *Server) parsedForm(w http.ResponseWriter, r *http.Request) bool {
	if err := parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return false
	}
	return true
}
