package web

// readerPageRoutes are the pages and forms of a reader's own state:
// marking read, saving, following and muting, the Saved and For you
// pages.
func (s *Server) readerPageRoutes() {
}
