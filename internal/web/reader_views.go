package web

import (
	"context"
	"fmt"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/rank"
)

const (
	// forYouWindow is how far back For you looks for stories.
	forYouWindow = 7 * 24 * time.Hour
	// forYouPerFollow is the most stories one follow brings to For you.
	forYouPerFollow = 100
	// forYouFollows is the most follows For you reads, the oldest first.
	forYouFollows = 50
	// forYouSearchHits is the most articles a followed search brings.
	forYouSearchHits = 20
	// mutedSpare is how many more stories a muting reader's ranking
	// reads, so that hiding the muted ones still fills the page.
	mutedSpare = 20
	// markAllLimit is the most stories "mark all as read" marks in a
	// view of the latest stories.
	markAllLimit = 1000
)

// topFor returns the top n stories f selects for reader st: the shared
// ranking without what st mutes.
func (s *Server) topFor(ctx context.Context, st *readerState, f storyline.StoryFilter, n int) ([]*storyline.Story, error) {
	want := n
	shared := st != nil && st.holes != nil
	if st != nil && (len(st.Mutes) > 0 || shared) {
		want += mutedSpare
	}
	list, err := s.rankedStories(ctx, f, want)
	if err != nil || shared {
		return list, err // a shared page's cards are cut to n as they are filled
	}
	list = st.Visible(list)
	return list[:min(len(list), n)], nil
}

// forYou returns reader st's For you stories: those of the last
// forYouWindow about what they follow (hashtags, entities, outlets,
// searches), without what they mute, ranked as Top is. A ranking is kept
// for topTTL, and dropped when the reader changes what they follow.
func (s *Server) forYou(ctx context.Context, st *readerState, n int) ([]*storyline.Story, error) {
	if st == nil || len(st.Follows) == 0 {
		return nil, nil
	}
	return s.top.get(ctx, topKey{n: n, forYou: st.User.ID}, s.now(), func() ([]*storyline.Story, error) {
		return s.rankForYou(ctx, st, n)
	})
}

// rankForYou gathers and ranks reader st's For you stories.
func (s *Server) rankForYou(ctx context.Context, st *readerState, n int) ([]*storyline.Story, error) {
	now := s.now()
	since := now.Add(-forYouWindow)
	byID := map[int64]*storyline.Story{}
	for _, f := range st.Follows[:min(len(st.Follows), forYouFollows)] {
		list, err := s.followedStories(ctx, f, since)
		if err != nil {
			return nil, fmt.Errorf("for you: %s %q: %w", f.Kind, f.Value, err)
		}
		for _, x := range list {
			byID[x.ID] = x
		}
	}
	list := make([]*storyline.Story, 0, len(byID))
	for _, x := range byID {
		list = append(list, x)
	}
	return rank.Top(st.Visible(list), now, n), nil
}

// followedStories returns the stories updated since that follow f is
// about.
func (s *Server) followedStories(ctx context.Context, f *storyline.Follow, since time.Time) ([]*storyline.Story, error) {
	filter := storyline.StoryFilter{Since: since, Limit: forYouPerFollow}
	switch f.Kind {
	case storyline.FollowHashtag:
		filter.Hashtag = f.Value
	case storyline.FollowEntity:
		filter.Entity = &storyline.Entity{Name: f.Value, Kind: f.EntityKind}
	case storyline.FollowOutlet:
		filter.Source = f.Value
	case storyline.FollowSearch:
		return s.searchedStories(ctx, f.Value, since)
	default:
		return nil, nil
	}
	return s.store.Stories(ctx, filter)
}

// searchedStories returns the stories of the articles published since
// that a search for q finds, best first, each once.
func (s *Server) searchedStories(ctx context.Context, q string, since time.Time) ([]*storyline.Story, error) {
	hits, err := s.store.Search(ctx, storyline.SearchQuery{Text: q, Since: since, Limit: forYouSearchHits})
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var out []*storyline.Story
	for _, h := range hits {
		x, err := s.store.Analysis(ctx, h.Article.ID)
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			continue // not analysed yet
		}
		if err != nil {
			return nil, err
		}
		if x.StoryID == 0 || seen[x.StoryID] {
			continue
		}
		seen[x.StoryID] = true
		st, err := s.store.Story(ctx, x.StoryID)
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		if st.ID != x.StoryID && seen[st.ID] {
			continue // merged into a story already found
		}
		seen[st.ID] = true
		out = append(out, st)
	}
	return out, nil
}

// storyView names a list of stories a reader can mark read as a whole.
type storyView string

// Story views.
const (
	viewTop    storyView = "top"
	viewLatest storyView = "latest"
	viewForYou storyView = "foryou"
)

// markViewRead marks every story of view (with filter f) read for
// reader st, as the reader sees it (muted stories left alone): Top and
// For you as ranked, the latest up to markAllLimit. It returns how many
// it marked.
func (s *Server) markViewRead(ctx context.Context, st *readerState, view storyView, f storyline.StoryFilter) (int, error) {
	var list []*storyline.Story
	var err error
	switch view {
	case viewTop:
		list, err = s.topFor(ctx, st, f, topStories)
	case viewForYou:
		list, err = s.forYou(ctx, st, topStories)
	case viewLatest:
		f.Limit, f.Offset = markAllLimit, 0
		list, err = s.store.Stories(ctx, f)
		list = st.Visible(list)
	default:
		return 0, storyline.Errorf(storyline.EINVALID, "view %q: want top, latest or foryou", view)
	}
	if err != nil {
		return 0, err
	}
	ids := make([]int64, len(list))
	for i, x := range list {
		ids[i] = x.ID
	}
	if err := s.store.MarkStoriesRead(ctx, st.User.ID, ids, true, s.now()); err != nil {
		return 0, fmt.Errorf("mark %s read: %w", view, err)
	}
	return len(ids), nil
}
