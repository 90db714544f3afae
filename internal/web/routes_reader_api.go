package web

import "github.com/storyline/storyline"

// readerAPIRoutes are the JSON API of a reader's own state (reading
// state, saved items, follows, mutes), the Atom feeds of Top, Latest,
// For you and Saved, and the Settings forms of the feed token that lets
// feed readers fetch them. The paths of the API's changes are the ones
// readerPath knows.
func (s *Server) readerAPIRoutes() {
	s.mux.HandleFunc("PUT /api/v1/articles/{id}/read", s.apiItemRead(storyline.KindArticle, true))
	s.mux.HandleFunc("DELETE /api/v1/articles/{id}/read", s.apiItemRead(storyline.KindArticle, false))
	s.mux.HandleFunc("PUT /api/v1/stories/{id}/read", s.apiItemRead(storyline.KindStory, true))
	s.mux.HandleFunc("DELETE /api/v1/stories/{id}/read", s.apiItemRead(storyline.KindStory, false))
	s.mux.HandleFunc("POST /api/v1/read", s.apiMarkViewRead)
	s.mux.HandleFunc("GET /api/v1/saved", s.apiSaved)
	s.mux.HandleFunc("PUT /api/v1/saved/{kind}/{id}", s.apiSave(true))
	s.mux.HandleFunc("DELETE /api/v1/saved/{kind}/{id}", s.apiSave(false))
	s.mux.HandleFunc("GET /api/v1/follows", s.apiFollows)
	s.mux.HandleFunc("POST /api/v1/follows", s.apiAddFollow)
	s.mux.HandleFunc("DELETE /api/v1/follows/{id}", s.apiDeleteFollow)
	s.mux.HandleFunc("GET /api/v1/mutes", s.apiMutes)
	s.mux.HandleFunc("POST /api/v1/mutes", s.apiAddMute)
	s.mux.HandleFunc("DELETE /api/v1/mutes/{id}", s.apiDeleteMute)
	s.mux.HandleFunc("GET /api/v1/foryou", s.apiForYou)
	s.mux.HandleFunc("GET /top/feed", s.atomTop)
	s.mux.HandleFunc("GET /latest/feed", s.atomLatest)
	s.mux.HandleFunc("GET /foryou/feed", s.atomForYou)
	s.mux.HandleFunc("GET /saved/feed", s.atomSaved)
	s.mux.HandleFunc("POST /settings/feed-token", s.postFeedToken)
	s.mux.HandleFunc("POST /settings/feed-token/delete", s.postFeedTokenDelete)
}
