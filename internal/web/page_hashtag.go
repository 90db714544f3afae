package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/storyline/storyline"
)

// Sizes of the listing pages.
const (
	// storiesPerPage is how many stories a hashtag or entity page lists.
	storiesPerPage = 20
	// maxNameParam is the longest outlet name, hashtag or entity name a
	// page accepts.
	maxNameParam = 200
)

// storyListView is the data of the hashtag and entity pages.
type storyListView struct {
	Heading string
	Kind    string // of an entity: "person", "place", "organization"
	FeedURL string // "" when there is none
	Stories []*storyline.Story
	Next    string // cursor of the next page
	Older   bool   // this is not the first page
	// Reader is the signed-in reader's state of the stories and Follow
	// their button to follow the page's hashtag or entity; nil for a
	// visitor.
	Reader *readerState
	Follow *followButton
	Images cardImages
}

// Cards are the stories with the reader's state of each.
func (v storyListView) Cards() []storyCard { return storyCards(v.Reader, v.Stories, v.Images) }

// readerOf is the reader's state, for the navigation's counts.
func (v storyListView) readerOf() *readerState { return v.Reader }

// pageHashtag lists the stories with a hashtag, most recently updated
// first, a page at a time (?cursor=).
func (s *Server) pageHashtag(w http.ResponseWriter, r *http.Request) {
	tag, err := nameParam(r, "tag", "hashtag")
	if err == nil {
		tag = strings.TrimPrefix(tag, "#")
		if tag == "" {
			err = storyline.Errorf(storyline.EINVALID, "hashtag: empty")
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := storyListView{Heading: "#" + tag, FeedURL: "/hashtags/" + url.PathEscape(tag) + "/feed"}
	if err := s.listStories(r, &v, storyline.StoryFilter{Hashtag: tag}); err != nil {
		s.fail(w, r, err)
		return
	}
	v.Follow = followButtonFor(v.Reader, storyline.FollowHashtag, tag, "", v.Heading)
	s.render(w, r, http.StatusOK, "hashtag", v.Heading, v)
}

// nameParam reads the path wildcard key, a name of a what, trimmed; it
// must not be empty or longer than maxNameParam.
func nameParam(r *http.Request, key, what string) (string, error) {
	name := strings.TrimSpace(r.PathValue(key))
	if name == "" || len(name) > maxNameParam {
		return "", storyline.Errorf(storyline.EINVALID, "%s %.40q: want a name of 1 to %d bytes", what, name, maxNameParam)
	}
	return name, nil
}

// listStories fills v with the page of stories f selects that the
// request's cursor asks for, and the signed-in reader's state of them.
// An empty first page is ENOTFOUND.
func (s *Server) listStories(r *http.Request, v *storyListView, f storyline.StoryFilter) error {
	var err error
	cursor := r.URL.Query().Get("cursor")
	if f.BeforeTime, f.BeforeID, err = decodeCursor(cursor); err != nil {
		return err
	}
	f.Limit, v.Older = storiesPerPage, cursor != ""
	if v.Stories, v.Next, err = s.storyPage(r.Context(), f); err != nil {
		return err
	}
	if len(v.Stories) == 0 && !v.Older {
		return storyline.Errorf(storyline.ENOTFOUND, "no stories with %s", v.Heading)
	}
	if v.Reader, err = s.readerStateFor(r.Context(), v.Stories, nil); err != nil {
		return err
	}
	v.Images, err = s.storyImages(r.Context(), v.Stories)
	return err
}

// storyPage lists the stories f selects and the cursor of the page after
// them ("" after a short page).
func (s *Server) storyPage(ctx context.Context, f storyline.StoryFilter) ([]*storyline.Story, string, error) {
	list, err := s.store.Stories(ctx, f)
	if err != nil || len(list) < f.Limit {
		return list, "", err
	}
	last := list[len(list)-1]
	return list, encodeCursor(last.LastUpdated, last.ID), nil
}
