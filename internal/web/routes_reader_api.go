package web

// readerAPIRoutes are the JSON API of a reader's own state (reading
// state, saved items, follows, mutes) and the Atom feeds of Top, Latest,
// For you and Saved.
func (s *Server) readerAPIRoutes() {
}
