package appitems

import (
	"context"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/greader"
)

// StoriesFolder is the one folder of an app that sees stories as items:
// every feed is filed under it, so that the app shows the stories
// together.
const StoriesFolder = "Stories"

// Store is what a View reads and writes.
type Store interface {
	storyline.ItemStore
	// MarkArticlesRead, ArticlesRead, StoriesRead, Save, Unsave and
	// SavedAmong: see storyline.ReadingStore.
	MarkArticlesRead(ctx context.Context, userID int64, ids []int64, read bool, at time.Time) error
	ArticlesRead(ctx context.Context, userID int64, ids []int64) (map[int64]bool, error)
	StoriesRead(ctx context.Context, userID int64, ids []int64) (map[int64]storyline.StoryRead, error)
	Save(ctx context.Context, userID int64, kind storyline.ItemKind, id int64, at time.Time) error
	Unsave(ctx context.Context, userID int64, kind storyline.ItemKind, id int64) error
	SavedAmong(ctx context.Context, userID int64, kind storyline.ItemKind, ids []int64) (map[int64]bool, error)
	// Story and Timeline: see storyline.StoryStore.
	Story(ctx context.Context, id int64) (*storyline.Story, error)
	Timeline(ctx context.Context, storyID int64) ([]storyline.TimelineEntry, error)
}

// View is one app's view of the items: the articles of feeds, or the
// stories when Stories is set. Its queries and IDs are in the apps' item
// IDs (see the package doc).
type View struct {
	Store   Store
	Stories bool // "one item per story"
	// StoryURL returns the address of story id's page, which a story
	// item links to; nil links none.
	StoryURL func(id int64) string
}

// Feeds returns the site's feeds as the app sees them: each in its
// category, or, when the app sees stories, all in StoriesFolder (copies;
// feeds is not changed).
func (v View) Feeds(feeds []*storyline.Feed) []*storyline.Feed {
	if !v.Stories {
		return feeds
	}
	out := make([]*storyline.Feed, len(feeds))
	for i, f := range feeds {
		c := *f
		c.Category = StoriesFolder
		out[i] = &c
	}
	return out
}

// Refs lists the items q selects (its IDs the apps' item IDs), with
// their item IDs.
func (v View) Refs(ctx context.Context, q storyline.ItemQuery) ([]storyline.ItemRef, error) {
	sq, ok := v.storeQuery(q)
	if !ok {
		return nil, nil
	}
	refs, err := v.Store.ItemRefs(ctx, sq)
	if err != nil {
		return nil, err
	}
	if v.Stories {
		for i := range refs {
			refs[i].ID = greader.StoryItemID(refs[i].ID)
		}
	}
	return refs, nil
}

// Count counts the items q selects, ignoring its Limit.
func (v View) Count(ctx context.Context, q storyline.ItemQuery) (int, error) {
	sq, ok := v.storeQuery(q)
	if !ok {
		return 0, nil
	}
	return v.Store.CountItems(ctx, sq)
}

// UnreadByFeed returns user userID's unread counts by feed.
func (v View) UnreadByFeed(ctx context.Context, userID int64) ([]storyline.FeedUnread, error) {
	return v.Store.UnreadByFeed(ctx, storyline.ItemQuery{UserID: userID, Stories: v.Stories})
}

// MarkAllRead marks the items q selects read for q.UserID: "mark all as
// read" of a feed, a folder or everything, up to a time. Stories are
// marked read as they are now, with all of their articles.
func (v View) MarkAllRead(ctx context.Context, q storyline.ItemQuery, at time.Time) (int, error) {
	sq, ok := v.storeQuery(q)
	if !ok {
		return 0, nil
	}
	return v.Store.MarkItemsRead(ctx, sq, true, at)
}

// storeQuery turns q, in item IDs, into the store's query of the view's
// kind; false when it can select nothing (its ID bounds lie beyond every
// item of the kind).
func (v View) storeQuery(q storyline.ItemQuery) (storyline.ItemQuery, bool) {
	q.Stories = v.Stories
	kind := greader.ItemArticle
	if v.Stories {
		kind = greader.ItemStory
	}
	var ok bool
	if q.AfterID, ok = lowerBound(q.AfterID, kind); !ok {
		return q, false
	}
	if q.BeforeID, ok = upperBound(q.BeforeID, kind); !ok {
		return q, false
	}
	if q.IDs != nil {
		ids := make([]int64, 0, len(q.IDs))
		for _, id := range q.IDs {
			if k, n := greader.SplitItemID(id); k == kind {
				ids = append(ids, n)
			}
		}
		q.IDs = ids
	}
	return q, true
}

// lowerBound turns an exclusive lower bound on item IDs (0: none) into
// one on the IDs of kind; false when no item of kind lies above it.
func lowerBound(after int64, kind greader.ItemKind) (int64, bool) {
	if after <= 0 {
		return 0, true
	}
	k, n := greader.SplitItemID(after)
	switch {
	case k == kind:
		return n, true
	case kind == greader.ItemStory && (k == greader.ItemArticle || after == greader.MaxArticleID+1):
		return 0, true // below every story
	}
	return 0, false // above every item of kind
}

// upperBound turns an exclusive upper bound on item IDs (0: none) into
// one on the IDs of kind; false when no item of kind lies below it.
func upperBound(before int64, kind greader.ItemKind) (int64, bool) {
	if before <= 0 {
		return 0, true
	}
	k, n := greader.SplitItemID(before)
	switch {
	case k == kind:
		return n, n > 1
	case kind == greader.ItemArticle && k != greader.ItemArticle:
		return 0, true // above every article
	case kind == greader.ItemStory && k == greader.ItemUnknown && before > greader.MaxArticleID+1:
		return 0, true // above every story
	}
	return 0, false // below every story
}
