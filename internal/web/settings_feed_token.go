package web

import (
	"net/http"

	"github.com/storyline/storyline/internal/auth"
)

// feedTokenView is the data of the page that shows a new feed token and
// the feed addresses that carry it, the only time they are shown.
type feedTokenView struct {
	Secret string
	Feeds  []ReaderFeed
}

// postFeedToken gives the signed-in user a new feed token, replacing the
// one they had (which stops working), and shows it once with the
// addresses of their feeds: only its hash is stored.
func (s *Server) postFeedToken(w http.ResponseWriter, r *http.Request) {
	if !s.userForm(w, r) {
		return
	}
	u := userFrom(r.Context())
	secret, hash := auth.NewToken()
	if err := s.store.SetFeedToken(r.Context(), u.ID, hash); err != nil {
		s.settingsFormError(w, r, settingsView{Section: "feed-token"}, err)
		return
	}
	s.log.Info("feed token created", "user", u.Name)
	s.render(w, r, http.StatusCreated, "feedtoken", "New feed token", feedTokenView{Secret: secret, Feeds: ReaderFeeds(s.siteURL(r), secret)})
}

// postFeedTokenDelete revokes the signed-in user's feed token: feed
// readers using it get 401 from then on.
func (s *Server) postFeedTokenDelete(w http.ResponseWriter, r *http.Request) {
	if !s.userForm(w, r) {
		return
	}
	u := userFrom(r.Context())
	if err := s.store.SetFeedToken(r.Context(), u.ID, ""); err != nil {
		s.settingsFormError(w, r, settingsView{Section: "feed-token"}, err)
		return
	}
	s.log.Info("feed token revoked", "user", u.Name)
	s.showSettings(w, r, http.StatusOK, settingsView{Notice: "Feed token revoked: feed readers using it can no longer read your feeds."})
}
