package storyline

import (
	"context"
	"time"
)

// ItemQuery selects articles for a feed-reading app (the Google Reader and
// Fever APIs) as one user sees them: the canonical articles that arrived
// through a feed — a syndicated copy is the same item as its original —
// ordered by ID, which is the order they were stored in. The zero value
// selects every such article, newest first.
//
// With Stories set it selects stories instead, each story one item (an
// app password's "one item per story"): the live stories (those merged
// into others left out) holding at least one canonical article that
// arrived through a feed. The IDs and ID bounds are then the stories';
// a story's feed — what FeedID, FeedIDs and Category filter by, and
// ItemRef.FeedID — is its lead feed, that of the first such article
// (the lowest article ID); Unread selects the stories the user has not
// read as they are now (never read, or with more articles than when
// read: StoryRead), Read the others, Saved the saved stories;
// StoredSince and StoredBefore bound the story's LastUpdated, which is
// its ItemRef.Stored, and its FirstSeen is ItemRef.Published.
type ItemQuery struct {
	UserID  int64 // whose reading state the state filters read
	Stories bool  // stories, not articles: see above
	FeedID  int64 // only this feed's; 0: every feed's
	// FeedIDs, when not nil, keeps only these feeds' (a folder of feeds
	// that are filed under no category, say).
	FeedIDs  []int64
	Category string // only those of the feeds filed under it; "": any
	Unread   bool   // only those UserID has not read
	Read     bool   // only those UserID has read
	Saved    bool   // only those UserID saved
	// StoredSince and StoredBefore bound the time the articles were
	// stored, [StoredSince, StoredBefore); zero for no bound.
	StoredSince  time.Time
	StoredBefore time.Time
	// AfterID and BeforeID bound the IDs, exclusive: a continuation, or
	// Fever's since_id and max_id; 0 for no bound.
	AfterID  int64
	BeforeID int64
	IDs      []int64 // only these; nil: any
	// OldestFirst lists in ascending ID order instead of descending.
	OldestFirst bool
	// Limit is the most listed; 0 lists them all (an app asking for every
	// unread ID).
	Limit int
}

// ItemRef is an article (or a story) as an app's listing names it.
type ItemRef struct {
	ID        int64
	FeedID    int64
	Stored    time.Time // when it was stored: an app's "crawl time"
	Published time.Time // zero when unknown
}

// FeedUnread is how many of a feed's articles a user has not read, and
// when the newest of them was stored.
type FeedUnread struct {
	FeedID int64
	Count  int
	Newest time.Time
}

// ItemStore answers feed-reading apps. Its queries are per user: the
// reading state is UserID's, the feeds are everyone's (subscriptions are
// site-wide).
type ItemStore interface {
	// ItemRefs lists the articles q selects. An unknown FeedID or
	// Category selects nothing; a negative Limit or ID bound is EINVALID.
	ItemRefs(ctx context.Context, q ItemQuery) ([]ItemRef, error)
	// CountItems counts the articles q selects, ignoring its Limit.
	CountItems(ctx context.Context, q ItemQuery) (int, error)
	// ArticlesByID returns the articles with ids as Article does, in the
	// order asked, each once; IDs of no article are left out.
	ArticlesByID(ctx context.Context, ids []int64) ([]*Article, error)
	// UnreadByFeed counts the items q selects that q.UserID has not read
	// (q.Unread is implied, Limit and order ignored), by feed ID: the
	// feeds with none are left out. A query without a user is EINVALID.
	UnreadByFeed(ctx context.Context, q ItemQuery) ([]FeedUnread, error)
	// MarkItemsRead marks the items q selects read (read true) or unread
	// for q.UserID, at at, and returns how many it changed: "mark all as
	// read" of a feed, a folder or everything, up to a time. Marking
	// stories read marks each as it is now (MarkStoriesRead) and all of
	// their articles read; marking them unread forgets the stories' reads
	// only, leaving their articles' as they are.
	MarkItemsRead(ctx context.Context, q ItemQuery, read bool, at time.Time) (int, error)
}

// ItemWithState is an article with one user's state of it.
type ItemWithState struct {
	*Article
	Read  bool
	Saved bool
}

// ItemsWithState returns the articles ids (as ArticlesByID does), each
// with user userID's state of it: the items an app asked for.
func ItemsWithState(ctx context.Context, s interface {
	ItemStore
	ArticlesRead(ctx context.Context, userID int64, ids []int64) (map[int64]bool, error)
	SavedAmong(ctx context.Context, userID int64, kind ItemKind, ids []int64) (map[int64]bool, error)
}, userID int64, ids []int64) ([]ItemWithState, error) {
	arts, err := s.ArticlesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	read, err := s.ArticlesRead(ctx, userID, ids)
	if err != nil {
		return nil, err
	}
	saved, err := s.SavedAmong(ctx, userID, KindArticle, ids)
	if err != nil {
		return nil, err
	}
	out := make([]ItemWithState, len(arts))
	for i, a := range arts {
		out[i] = ItemWithState{Article: a, Read: read[a.ID], Saved: saved[a.ID]}
	}
	return out, nil
}
