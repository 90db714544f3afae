package web

import "net/http"

// routes registers every handler, one area a function (one handler a
// file). Patterns are net/http's: "METHOD /path/{wildcard}".
func (s *Server) routes() {
	s.mux.Handle("GET /healthz", s.health)
	if s.cfg.Metrics != nil {
		s.mux.Handle("GET /metrics", s.cfg.Metrics)
	}
	s.mux.Handle("GET /static/", s.static)
	s.mux.HandleFunc("GET /manifest.webmanifest", s.manifest)
	s.coreRoutes()
	s.pageRoutes()
	s.adminRoutes()
	s.apiRoutes()
	s.readerPageRoutes()
	s.readerAPIRoutes()
	s.appRoutes()
}

// coreRoutes are the home page, first-run setup, signing in and out, and
// the theme switch.
func (s *Server) coreRoutes() {
	s.mux.HandleFunc("GET /{$}", s.shared(shareAll, topStories, s.pageHome))
	s.mux.HandleFunc("GET /latest", s.shared(shareAll, 0, s.pageLatest))
	s.mux.HandleFunc("GET /setup", s.pageSetup)
	s.mux.HandleFunc("POST /setup", s.postSetup)
	s.mux.HandleFunc("GET /login", s.pageLogin)
	s.mux.HandleFunc("POST /login", s.postLogin)
	s.mux.HandleFunc("POST /logout", s.postLogout)
	s.mux.HandleFunc("POST /theme", s.postTheme)
	s.mux.HandleFunc("/", s.pageNotFound)
}

// pageRoutes are the reading pages: stories, articles (and their lead
// images), outlets, hashtags, entities and search, with comments.
func (s *Server) pageRoutes() {
	s.mux.HandleFunc("GET /stories/{id}", s.shared(shareAll, 0, s.pageStory))
	s.mux.HandleFunc("POST /stories/{id}/comments", s.postStoryComment)
	if s.cfg.Asker != nil {
		s.mux.HandleFunc("POST /stories/{id}/ask", s.postStoryAsk)
	}
	s.mux.HandleFunc("GET /articles/{id}", s.shared(shareAll, 0, s.pageArticle))
	s.mux.HandleFunc("GET /images/{id}/{hash}/{file}", s.image)
	s.mux.HandleFunc("POST /articles/{id}/comments", s.postArticleComment)
	s.mux.HandleFunc("GET /outlets/{name}", s.pageOutlet)
	s.mux.HandleFunc("GET /hashtags/{tag}", s.pageHashtag)
	s.mux.HandleFunc("GET /entities/{kind}/{name}", s.pageEntity)
	s.mux.HandleFunc("GET /search", s.pageSearch)
	s.mux.HandleFunc("POST /comments/{id}/edit", s.postCommentEdit)
	s.mux.HandleFunc("POST /comments/{id}/delete", s.postCommentDelete)
	s.mux.HandleFunc("POST /comments/{id}/hide", s.postCommentHide)
}

// adminRoutes are feeds management and settings.
func (s *Server) adminRoutes() {
	s.mux.HandleFunc("GET /feeds", s.pageFeeds)
	s.mux.HandleFunc("POST /feeds", s.postFeed)
	s.mux.HandleFunc("POST /feeds/import", s.postFeedsImport)
	s.mux.HandleFunc("POST /feeds/articles", s.postFeedsArticles)
	s.mux.HandleFunc("GET /feeds/export.opml", s.feedsExport)
	s.mux.HandleFunc("POST /feeds/{id}", s.postFeedEdit)
	s.mux.HandleFunc("POST /feeds/{id}/delete", s.postFeedDelete)
	s.mux.HandleFunc("POST /feeds/{id}/pause", s.postFeedPause)
	s.mux.HandleFunc("POST /feeds/{id}/feed-only", s.postFeedContent)
	s.mux.HandleFunc("POST /feeds/{id}/retry", s.postFeedRetry)
	s.mux.HandleFunc("POST /feeds/remove", s.postFeedsRemove)
	s.mux.HandleFunc("GET /settings", s.pageSettings)
	s.mux.HandleFunc("POST /settings", s.postSettings)
	s.mux.HandleFunc("POST /settings/retention", s.postRetention)
	s.mux.HandleFunc("POST /settings/users", s.postUser)
	s.mux.HandleFunc("POST /settings/users/{id}/role", s.postUserRole)
	s.mux.HandleFunc("POST /settings/users/{id}/disabled", s.postUserDisabled)
	s.mux.HandleFunc("POST /settings/users/{id}/delete", s.postUserDelete)
	s.mux.HandleFunc("POST /settings/users/{id}/tokens/revoke", s.postUserTokensRevoke)
	s.mux.HandleFunc("POST /settings/password", s.postPassword)
	s.mux.HandleFunc("POST /settings/tokens", s.postToken)
	s.mux.HandleFunc("POST /settings/tokens/{id}/delete", s.postTokenDelete)
	s.mux.HandleFunc("POST /settings/app-passwords", s.postAppPassword)
	s.mux.HandleFunc("POST /settings/app-passwords/{id}/delete", s.postAppPasswordDelete)
}

// apiRoutes are the JSON API under /api/v1 and the Atom feeds.
func (s *Server) apiRoutes() {
	s.mux.HandleFunc("GET /api/v1/stories", s.apiStories)
	s.mux.HandleFunc("GET /api/v1/stories/top", s.apiTopStories)
	s.mux.HandleFunc("GET /api/v1/stories/{id}", s.apiStory)
	s.mux.HandleFunc("GET /api/v1/stories/{id}/comments", s.apiStoryComments)
	s.mux.HandleFunc("POST /api/v1/stories/{id}/comments", s.apiPostStoryComment)
	if s.cfg.Asker != nil {
		s.mux.HandleFunc("POST /api/v1/stories/{id}/ask", s.apiAskStory)
	}
	s.mux.HandleFunc("GET /api/v1/articles", s.apiArticles)
	s.mux.HandleFunc("GET /api/v1/articles/{id}", s.apiArticle)
	s.mux.HandleFunc("GET /api/v1/articles/{id}/comments", s.apiArticleComments)
	s.mux.HandleFunc("POST /api/v1/articles/{id}/comments", s.apiPostArticleComment)
	s.mux.HandleFunc("PATCH /api/v1/comments/{id}", s.apiEditComment)
	s.mux.HandleFunc("DELETE /api/v1/comments/{id}", s.apiDeleteComment)
	s.mux.HandleFunc("POST /api/v1/comments/{id}/hide", s.apiHideComment)
	s.mux.HandleFunc("GET /api/v1/search", s.apiSearch)
	s.mux.HandleFunc("GET /api/v1/feeds", s.apiFeeds)
	s.mux.HandleFunc("POST /api/v1/feeds", s.apiAddFeed)
	s.mux.HandleFunc("PATCH /api/v1/feeds/{id}", s.apiPatchFeed)
	s.mux.HandleFunc("DELETE /api/v1/feeds/{id}", s.apiDeleteFeed)
	s.mux.HandleFunc("GET /api/v1/me", s.apiMe)
	s.mux.HandleFunc("/api/", s.apiNotFound)
	s.mux.HandleFunc("GET /stories/{id}/feed", s.atomStory)
	s.mux.HandleFunc("GET /outlets/{name}/feed", s.atomOutlet)
	s.mux.HandleFunc("GET /hashtags/{tag}/feed", s.atomHashtag)
	s.mux.HandleFunc("GET /search/feed", s.atomSearch)
}

// isAPI reports whether r is for the JSON API, which answers errors in its
// JSON shape rather than as pages.
func isAPI(r *http.Request) bool {
	return len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/"
}
