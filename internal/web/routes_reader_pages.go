package web

// readerPageRoutes are the pages and forms of a reader's own state:
// marking read, saving, following and muting, the Saved and For you
// pages.
func (s *Server) readerPageRoutes() {
	s.mux.HandleFunc("GET /foryou", s.shared(shareOwn, 0, s.pageForYou))
	s.mux.HandleFunc("GET /saved", s.pageSaved)
	s.mux.HandleFunc("POST /stories/{id}/read", s.postStoryRead)
	s.mux.HandleFunc("POST /articles/{id}/read", s.postArticleRead)
	s.mux.HandleFunc("POST /read", s.postMarkViewRead)
	s.mux.HandleFunc("POST /saved/{kind}/{id}", s.postSaved)
	s.mux.HandleFunc("POST /follows", s.postFollow)
	s.mux.HandleFunc("POST /follows/{id}/delete", s.postFollowDelete)
	s.mux.HandleFunc("POST /mutes", s.postMute)
	s.mux.HandleFunc("POST /mutes/{id}/delete", s.postMuteDelete)
}
