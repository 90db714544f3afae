package web

import (
	"net/http"

	"github.com/storyline/storyline"
)

// forYouView is the data of the For you page.
type forYouView struct {
	Stories    []*storyline.Story
	Reader     *readerState
	UnreadOnly bool
	Images     cardImages
}

// Cards are the stories with the reader's state of each.
func (v *forYouView) Cards() []storyCard { return storyCards(v.Reader, v.Stories, v.Images) }

// Tools are the reader's tools over the view.
func (v *forYouView) Tools() viewTools { return viewTools{View: viewForYou, UnreadOnly: v.UnreadOnly} }

// readerOf is the reader's state, for the navigation's counts.
func (v *forYouView) readerOf() *readerState { return v.Reader }

// pageForYou shows the signed-in reader's For you page: the stories of
// the past week about what they follow, without what they mute, ranked
// like Top (?unread=1: those they have not read). Without follows it
// explains how to follow things.
func (s *Server) pageForYou(w http.ResponseWriter, r *http.Request) {
	if !s.signedInOnly(w, r) {
		return
	}
	v := &forYouView{}
	var err error
	if v.Reader, err = s.readerBase(r.Context()); err == nil {
		v.Stories, err = s.forYou(r.Context(), v.Reader, topStories)
	}
	if err == nil {
		v.Stories, v.UnreadOnly, err = s.readerList(r, v.Reader, v.Stories)
	}
	if err == nil {
		v.Images, err = s.storyImages(r.Context(), v.Stories)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "foryou", "For you", v)
}
