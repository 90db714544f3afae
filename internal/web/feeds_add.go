package web

import (
	"context"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// subscribeTimeout bounds finding a feed from a URL: the page, then the
// feeds it advertises and the usual places.
const subscribeTimeout = 45 * time.Second

// maxFeedLabel is the longest category or outlet name, in bytes.
const maxFeedLabel = 100

// maxFeedURL is the longest feed URL, in bytes.
const maxFeedURL = 2048

// postFeed subscribes to the feed at the form's URL, or the feed the page
// there leads to (a homepage), under the form's category; administrators
// only. The fetcher's rules apply: a private address is refused.
func (s *Server) postFeed(w http.ResponseWriter, r *http.Request) {
	if !s.adminForm(w, r) {
		return
	}
	v := feedsView{URL: strings.TrimSpace(r.PostFormValue("url")), Category: strings.TrimSpace(r.PostFormValue("category"))}
	f, err := s.subscribe(r.Context(), v.URL, v.Category)
	if err != nil {
		s.feedsAddError(w, r, v, err)
		return
	}
	s.log.Info("feed added", "feed", f.ID, "url", f.URL, "by", userFrom(r.Context()).Name)
	http.Redirect(w, r, "/feeds?done=added", http.StatusSeeOther)
}

// subscribe checks the add form's input and asks the ingester to
// subscribe.
func (s *Server) subscribe(ctx context.Context, url, category string) (*storyline.Feed, error) {
	if s.cfg.Ingester == nil {
		return nil, storyline.Errorf(storyline.EINVALID, noIngesterMessage)
	}
	if url == "" {
		return nil, storyline.Errorf(storyline.EINVALID, "feed URL: enter the address of a feed or of a site's homepage")
	}
	if len(url) > maxFeedURL {
		return nil, storyline.Errorf(storyline.EINVALID, "feed URL: longer than %d bytes", maxFeedURL)
	}
	category, err := feedLabel("category", category)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, subscribeTimeout)
	defer cancel()
	return s.cfg.Ingester.Subscribe(ctx, url, category)
}

// feedLabel trims a category or outlet name (what says which) and checks
// it.
func feedLabel(what, s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) > maxFeedLabel {
		return "", storyline.Errorf(storyline.EINVALID, "%s: at most %d bytes, please", what, maxFeedLabel)
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(c rune) bool { return c < ' ' || c == 0x7f }) {
		return "", storyline.Errorf(storyline.EINVALID, "%s %q: letters, digits and punctuation only, please", what, s)
	}
	return s, nil
}

// feedsAddError shows the feeds page again with why a feed could not be
// added, in plain words with the fetcher's message kept as the detail, or
// fails the request when err is not about the feed.
func (s *Server) feedsAddError(w http.ResponseWriter, r *http.Request, v feedsView, err error) {
	if lerr := s.loadFeedRows(r.Context(), &v); lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	s.formError(w, r, "feeds", "Feeds", err, func(msg string) any {
		p := explainFeedText(msg)
		v.Error = p.Plain
		if p.Plain != p.Detail {
			v.ErrorDetail = p.Detail
		}
		return v
	})
}
