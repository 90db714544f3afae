package storyline

import (
	"context"
	"time"
)

// ItemKind is what a reader reads or saves: an article or a story.
type ItemKind string

// Item kinds.
const (
	KindArticle ItemKind = "article"
	KindStory   ItemKind = "story"
)

// Valid reports whether k is a known kind.
func (k ItemKind) Valid() bool { return k == KindArticle || k == KindStory }

// StoryRead is how far a user has read a story: the number of its
// articles when they last opened it. A story is new to them while it has
// more articles than that (NewReports), and unread when never opened.
type StoryRead struct {
	StoryID int64
	// Seen is the story's article count when the user last read it; 0
	// when never.
	Seen   int
	ReadAt time.Time
}

// NewReports returns how many of a story's articles (it has count now)
// arrived since the user read it, all of them when never read.
func (r StoryRead) NewReports(count int) int {
	return max(0, count-r.Seen)
}

// FollowKind is what a user follows.
type FollowKind string

// Follow kinds.
const (
	FollowHashtag FollowKind = "hashtag" // Value: the hashtag without "#", as shown
	FollowEntity  FollowKind = "entity"  // Value: the entity's name; Entity kind in EntityKind
	FollowOutlet  FollowKind = "outlet"  // Value: the outlet's name
	FollowSearch  FollowKind = "search"  // Value: the search query
)

// Follow is one thing a user follows; stories about it make their "For
// you" page.
type Follow struct {
	ID     int64
	UserID int64
	Kind   FollowKind
	Value  string
	// EntityKind narrows an entity follow to one kind; "" for any.
	EntityKind EntityKind
	CreatedAt  time.Time
}

// MuteKind is what a user mutes.
type MuteKind string

// Mute kinds.
const (
	MuteOutlet MuteKind = "outlet" // Value: the outlet's name
	MuteWord   MuteKind = "word"   // Value: a word or phrase of titles and briefs
)

// Mute is one thing a user does not want to see in their lists.
type Mute struct {
	ID        int64
	UserID    int64
	Kind      MuteKind
	Value     string
	CreatedAt time.Time
}

// Saved is an item a user saved (starred).
type Saved struct {
	Kind    ItemKind
	ItemID  int64
	SavedAt time.Time
}

// ReadingStore keeps what each user has read and saved, and what they
// follow and mute. Nothing of one user's is visible to another.
type ReadingStore interface {
	// MarkArticlesRead marks articles ids read (read true) or unread for
	// user userID; unknown articles are skipped.
	MarkArticlesRead(ctx context.Context, userID int64, ids []int64, read bool, at time.Time) error
	// ArticlesRead returns which of articles ids user userID has read.
	ArticlesRead(ctx context.Context, userID int64, ids []int64) (map[int64]bool, error)
	// MarkStoriesRead marks stories ids read by user userID as they are
	// now (Seen their article count, following merges), or unread (read
	// false: no record); unknown stories are skipped.
	MarkStoriesRead(ctx context.Context, userID int64, ids []int64, read bool, at time.Time) error
	// StoriesRead returns user userID's reads of stories ids (those never
	// read are missing), keyed by the IDs asked.
	StoriesRead(ctx context.Context, userID int64, ids []int64) (map[int64]StoryRead, error)
	// CountUnreadStories returns how many stories updated at or after
	// since user userID has not read as they are now (never read, or with
	// new reports).
	CountUnreadStories(ctx context.Context, userID int64, since time.Time) (int, error)

	// Save saves item id of kind for user userID (saving again keeps the
	// first time); an unknown item is ENOTFOUND, an unknown kind EINVALID.
	Save(ctx context.Context, userID int64, kind ItemKind, id int64, at time.Time) error
	// Unsave removes a saved item; one not saved is not an error.
	Unsave(ctx context.Context, userID int64, kind ItemKind, id int64) error
	// SavedItems lists user userID's saved items of kind ("" for both),
	// most recently saved first, at most limit (0 means 50) after offset.
	SavedItems(ctx context.Context, userID int64, kind ItemKind, limit, offset int) ([]Saved, error)
	// SavedAmong returns which of items ids of kind user userID saved.
	SavedAmong(ctx context.Context, userID int64, kind ItemKind, ids []int64) (map[int64]bool, error)

	// AddFollow stores f and sets its ID and CreatedAt; following one
	// thing twice is ECONFLICT, an empty value or unknown kind EINVALID.
	AddFollow(ctx context.Context, f *Follow) error
	// Follows lists user userID's follows, oldest first.
	Follows(ctx context.Context, userID int64) ([]*Follow, error)
	// DeleteFollow removes follow id of user userID; one that does not
	// exist or is someone else's is ENOTFOUND.
	DeleteFollow(ctx context.Context, userID, id int64) error

	// AddMute stores m and sets its ID and CreatedAt; muting one thing
	// twice is ECONFLICT, an empty value or unknown kind EINVALID.
	AddMute(ctx context.Context, m *Mute) error
	// Mutes lists user userID's mutes, oldest first.
	Mutes(ctx context.Context, userID int64) ([]*Mute, error)
	// DeleteMute removes mute id of user userID; one that does not exist
	// or is someone else's is ENOTFOUND.
	DeleteMute(ctx context.Context, userID, id int64) error

	// SetFeedToken replaces user userID's feed token hash (hash ""
	// removes it); ENOTFOUND for an unknown user. Feed tokens let feed
	// readers fetch a private site's Atom feeds as the user, read only.
	// SetPassword removes it too.
	SetFeedToken(ctx context.Context, userID int64, hash string) error
	// UserByFeedToken returns the user whose feed token has hash, or
	// ENOTFOUND.
	UserByFeedToken(ctx context.Context, hash string) (*User, error)
}
