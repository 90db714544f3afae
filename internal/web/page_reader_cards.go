package web

import (
	"context"
	"fmt"

	"github.com/storyline/storyline"
)

// storyCard is a story as a list shows it, with the signed-in reader's
// state of it. Reader is nil for a visitor, whose card is as it always
// was.
type storyCard struct {
	*storyline.Story
	Reader *readerState
	Image  storyline.ImageRef // the image of its most covered report; zero for none
}

// Thumb is the URL of the card's thumbnail, "" when it has none.
func (c storyCard) Thumb() string { return imageURL(c.Image, storyline.ImageThumb) }

// cardImages are the kept images of a page's stories, by story ID.
type cardImages map[int64]storyline.ImageRef

// storyImages returns the kept images of the stories of list.
func (s *Server) storyImages(ctx context.Context, list []*storyline.Story) (cardImages, error) {
	if len(list) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(list))
	for i, x := range list {
		ids[i] = x.ID
	}
	refs, err := s.store.StoryImages(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("the images of %d stories: %w", len(ids), err)
	}
	return refs, nil
}

// Read reports whether the reader has read the story as it is now.
func (c storyCard) Read() bool { return c.Reader.StoryRead(c.Story) }

// NewCount is how many reports arrived since the reader read the story.
func (c storyCard) NewCount() int { return c.Reader.NewReports(c.Story) }

// Saved reports whether the reader saved the story.
func (c storyCard) Saved() bool { return c.Reader.StorySaved(c.ID) }

// storyCards pairs each story of list with reader st's state and its
// image among images.
func storyCards(st *readerState, list []*storyline.Story, images cardImages) []storyCard {
	out := make([]storyCard, len(list))
	for i, x := range list {
		out[i] = storyCard{Story: x, Reader: st, Image: images[x.ID]}
	}
	return out
}

// unreadOnly returns the stories of list reader st has not read as they
// are now.
func unreadOnly(st *readerState, list []*storyline.Story) []*storyline.Story {
	out := make([]*storyline.Story, 0, len(list))
	for _, x := range list {
		if !st.StoryRead(x) {
			out = append(out, x)
		}
	}
	return out
}

// addItems adds to reader st (a visitor's nil is left alone) what they
// read and saved among stories and articles articleIDs: one query for
// each kind of state, for pages whose items are known only once the
// reader's follows and mutes are (Top, For you).
func (s *Server) addItems(ctx context.Context, st *readerState, stories []*storyline.Story, articleIDs []int64) error {
	if st == nil {
		return nil
	}
	if err := s.loadItems(ctx, st, stories, articleIDs); err != nil {
		return err
	}
	if s.marks != nil {
		s.marks.overlay(st, stories, articleIDs)
	}
	return nil
}

// loadItems is addItems without the read marks waiting to be stored.
func (s *Server) loadItems(ctx context.Context, st *readerState, stories []*storyline.Story, articleIDs []int64) error {
	uid := st.User.ID
	saves, kept, err := s.readers.savedSet(ctx, s.store, uid)
	if err != nil {
		return err
	}
	if len(stories) > 0 {
		ids := make([]int64, len(stories))
		for i, x := range stories {
			ids[i] = x.ID
		}
		reads, err := s.store.StoriesRead(ctx, uid, ids)
		if err != nil {
			return fmt.Errorf("read the story reads of user %d: %w", uid, err)
		}
		saved, err := s.savedAmong(ctx, uid, storyline.KindStory, ids, saves, kept)
		if err != nil {
			return err
		}
		st.storyReads, st.savedStories = mergeMap(st.storyReads, reads), mergeMap(st.savedStories, saved)
	}
	if len(articleIDs) > 0 {
		reads, err := s.store.ArticlesRead(ctx, uid, articleIDs)
		if err != nil {
			return fmt.Errorf("read the article reads of user %d: %w", uid, err)
		}
		saved, err := s.savedAmong(ctx, uid, storyline.KindArticle, articleIDs, saves, kept)
		if err != nil {
			return err
		}
		st.articlesRead, st.savedArticles = mergeMap(st.articlesRead, reads), mergeMap(st.savedArticles, saved)
	}
	return nil
}

// savedAmong returns which of items ids of kind user uid saved: from
// saves, their kept saved items, when kept; else from the store.
func (s *Server) savedAmong(ctx context.Context, uid int64, kind storyline.ItemKind, ids []int64, saves map[savedKey]bool, kept bool) (map[int64]bool, error) {
	if !kept {
		saved, err := s.store.SavedAmong(ctx, uid, kind, ids)
		if err != nil {
			return nil, fmt.Errorf("read the saved %ss of user %d: %w", kind, uid, err)
		}
		return saved, nil
	}
	out := make(map[int64]bool)
	for _, id := range ids {
		if saves[savedKey{kind, id}] {
			out[id] = true
		}
	}
	return out, nil
}

// mergeMap adds the entries of from to into (made when nil) and returns
// it.
func mergeMap[V any](into, from map[int64]V) map[int64]V {
	if into == nil {
		return from
	}
	for k, v := range from {
		into[k] = v
	}
	return into
}

// itemState is one item's state for its save and mark-read buttons.
type itemState struct {
	Kind  storyline.ItemKind
	ID    int64
	Saved bool
	Read  bool
}

// StoryItem is story x's state for its buttons.
func (st *readerState) StoryItem(x *storyline.Story) itemState {
	return itemState{Kind: storyline.KindStory, ID: x.ID, Saved: st.StorySaved(x.ID), Read: st.StoryRead(x)}
}

// ArticleItem is article id's state for its buttons.
func (st *readerState) ArticleItem(id int64) itemState {
	return itemState{Kind: storyline.KindArticle, ID: id, Saved: st.ArticleSaved(id), Read: st.ArticleRead(id)}
}
